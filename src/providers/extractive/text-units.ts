import { readableInline, splitSentences } from './inline-markdown.ts';

/** One quotable piece of a passage: a sentence, a list item or table row, or a whole code block. */
export interface TextUnit {
  /** `code` units are only quoted when the question asks how / for an example. */
  kind: 'sentence' | 'item' | 'code';
  /** Readable text; for code, the block's lines without the fences. */
  text: string;
  /** Code language from the fence info string ('' when absent or not code). */
  lang: string;
  /** The nearest heading above the unit inside the passage ('' before any). */
  heading: string;
  /** Paragraph/list/block number: units of one block read as a continuous run. */
  block: number;
  /** Order within the passage, from 0. */
  position: number;
  /** Written in bold by the author: a statement the page itself stresses. */
  emphasized: boolean;
}

const FENCE = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;
const TABLE_RULE = /^\s*\|?[\s:|-]+\|[\s:|-]*$/;
/** Docusaurus magic comments that only drive highlighting. */
const HIGHLIGHT_COMMENT = /^\s*(?:\/\/|\{\/\*|<!--)\s*highlight-(?:start|end|next-line)\b.*$/;
/** A list item longer than this is split into sentences so one item cannot eat the budget. */
const LONG_ITEM = 320;

/**
 * Splits a Markdown passage into quotable units. A fenced code block stays one unit, list items
 * and table rows are units, paragraphs are split into sentences; headings and admonition fences
 * only label what follows.
 */
export function splitUnits(markdown: string): TextUnit[] {
  const units: TextUnit[] = [];
  let heading = '';
  let block = 0;
  let paragraph: string[] = [];
  let item: string[] | null = null;

  const push = (kind: TextUnit['kind'], text: string, lang = '', emphasized = false) => {
    if (text.trim()) units.push({ kind, text, lang, heading, block, position: units.length, emphasized });
  };
  const flushParagraph = () => {
    if (paragraph.length > 0) {
      let insideBold = false;
      for (const sentence of splitSentences(paragraph.join(' '))) {
        // A sentence is stressed when it opens, closes or lies inside a **bold** run.
        const markers = sentence.split('**').length - 1;
        push('sentence', readableInline(sentence), '', insideBold || markers > 0);
        if (markers % 2 === 1) insideBold = !insideBold;
      }
      block += 1;
    }
    paragraph = [];
  };
  const flushItem = () => {
    if (item) {
      const raw = item.join(' ');
      const text = readableInline(raw);
      const emphasized = raw.includes('**');
      if (text.length > LONG_ITEM)
        for (const sentence of splitSentences(text)) push('item', sentence, '', emphasized);
      else push('item', text, '', emphasized);
    }
    item = null;
  };
  const flush = () => {
    flushParagraph();
    if (item) {
      flushItem();
      block += 1;
    }
  };

  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1] ?? '```';
      const code: string[] = [];
      for (i += 1; i < lines.length && !(lines[i] ?? '').trim().startsWith(marker); i += 1) {
        const codeLine = lines[i] ?? '';
        if (!HIGHLIGHT_COMMENT.test(codeLine)) code.push(codeLine);
      }
      push('code', code.join('\n').replace(/^\n+|\s+$/g, ''), fence[2] ?? '');
      block += 1;
      continue;
    }
    const headingMatch = HEADING.exec(line);
    if (headingMatch) {
      flush();
      heading = readableInline(headingMatch[1] ?? '');
      continue;
    }
    const trimmed = line.trim().replace(/^(?:>\s?)+/, '');
    if (trimmed === '' || trimmed.startsWith(':::') || /^<\/?[A-Za-z][^>]*>$/.test(trimmed)) {
      flush();
      continue;
    }
    const listMatch = LIST_ITEM.exec(trimmed);
    if (listMatch) {
      flushParagraph();
      flushItem();
      item = [listMatch[1] ?? ''];
      continue;
    }
    if (trimmed.startsWith('|')) {
      flush();
      if (!TABLE_RULE.test(trimmed)) {
        const cells = trimmed.split('|').map((cell) => cell.trim());
        push('item', readableInline(cells.filter(Boolean).join(' — ')));
      }
      continue;
    }
    if (item) item.push(trimmed);
    else paragraph.push(trimmed);
  }
  flush();
  return units;
}
