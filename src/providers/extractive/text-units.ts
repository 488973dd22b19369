import { parseHeadingId } from '../../domain/markdown/heading-id.ts';
import { markdownBlocks } from '../../domain/markdown/markdown-blocks.ts';
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

/**
 * Only this much of a passage is read: chunks are far shorter, and of a 20,000-character pasted
 * selection an answer quotes a few hundred characters, while parsing costs time per character.
 */
export const MAX_PASSAGE_CHARS = 8000;

/** A list item longer than this is split into sentences so one item cannot eat the budget. */
const LONG_ITEM = 320;

/** Lines of a block joined into one line, blockquote markers of continuation lines dropped. */
function oneLine(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      let start = 0;
      while (line[start] === '>' || line[start] === ' ' || line[start] === '\t') start += 1;
      return line.slice(start).trimEnd();
    })
    .filter((line) => line !== '')
    .join(' ');
}

/** Code without leading blank lines and trailing whitespace. */
function trimCode(lines: string[]): string {
  let first = 0;
  while (first < lines.length && lines[first]?.trim() === '') first += 1;
  return lines.slice(first).join('\n').trimEnd();
}

/**
 * Splits a Markdown passage into quotable units, reading it with the same parser as ingest
 * (`markdownBlocks`): a code block stays one unit, list items and table rows are units,
 * paragraphs are split into sentences; headings and admonition labels only label what follows.
 */
export function splitUnits(markdown: string): TextUnit[] {
  const units: TextUnit[] = [];
  let heading = '';
  let block = -1;
  const push = (kind: TextUnit['kind'], text: string, lang = '', emphasized = false) => {
    if (text.trim()) units.push({ kind, text, lang, heading, block, position: units.length, emphasized });
  };

  const cut = markdown.length > MAX_PASSAGE_CHARS ? markdown.lastIndexOf('\n', MAX_PASSAGE_CHARS) : -1;
  const passage =
    markdown.length > MAX_PASSAGE_CHARS ? markdown.slice(0, cut > 0 ? cut : MAX_PASSAGE_CHARS) : markdown;
  for (const part of markdownBlocks(passage)) {
    if (part.kind === 'heading') {
      heading = readableInline(parseHeadingId(part.raw).text);
      continue;
    }
    if (part.kind === 'code') {
      block += 1;
      push('code', trimCode(part.lines), part.fence.info.split(' ', 1)[0] ?? '');
      continue;
    }
    if (part.role === 'label') continue;
    if (!(part.role === 'item' && part.joined)) block += 1;
    if (part.role === 'table') {
      for (const cells of part.rows ?? []) push('item', readableInline(cells.filter(Boolean).join(' — ')));
    } else if (part.role === 'item') {
      const raw = oneLine(part.markdown);
      const text = readableInline(raw);
      const emphasized = raw.includes('**');
      if (text.length > LONG_ITEM)
        for (const sentence of splitSentences(text)) push('item', sentence, '', emphasized);
      else push('item', text, '', emphasized);
    } else {
      let insideBold = false;
      for (const sentence of splitSentences(oneLine(part.markdown))) {
        // A sentence is stressed when it opens, closes or lies inside a **bold** run.
        const markers = sentence.split('**').length - 1;
        push('sentence', readableInline(sentence), '', insideBold || markers > 0);
        if (markers % 2 === 1) insideBold = !insideBold;
      }
    }
  }
  return units;
}
