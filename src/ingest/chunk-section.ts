import { type CodeFence, renderFence } from '../domain/markdown/code-block.ts';
import type { Section } from './sections.ts';
import { splitCodeBlock, splitProse } from './split-oversized.ts';

/** Chunk size bounds in characters (see design/decisions/0001-chunk-size.md). */
export interface ChunkLimits {
  /** Chunks are packed up to this size; a larger single paragraph or code block stays whole. */
  target: number;
  /** No chunk is longer, except a piece holding one code line that is itself longer. */
  hardMax: number;
}

/** Limits for a hard maximum (default 2,500): the packing target is 60 % of it (1,500). */
export function chunkLimits(maxChunkChars = 2500): ChunkLimits {
  const hardMax = Math.max(200, Math.floor(maxChunkChars));
  return { target: Math.floor(hardMax * 0.6), hardMax };
}

/**
 * Chunk texts of one section: paragraphs and code blocks packed in order up to `target`
 * characters, never cutting a code block that fits within `hardMax`. A short tail is folded
 * into the chunk before it so no chunk is a stray closing sentence.
 */
export function chunkSection(section: Section, limits: ChunkLimits): string[] {
  const units = sectionUnits(section, limits);
  const chunks: string[] = [];
  let current = '';
  for (const unit of units) {
    if (current && current.length + 2 + unit.length > limits.target) {
      chunks.push(current);
      current = unit;
    } else {
      current = current ? `${current}\n\n${unit}` : unit;
    }
  }
  if (current) chunks.push(current);
  const last = chunks.at(-1);
  const previous = chunks.at(-2);
  if (last !== undefined && previous !== undefined && last.length < limits.target / 5) {
    const merged = `${previous}\n\n${last}`;
    if (merged.length <= limits.hardMax) chunks.splice(-2, 2, merged);
  }
  return chunks;
}

/** The section as indivisible units: paragraphs and whole code blocks (oversized ones split). */
function sectionUnits(section: Section, limits: ChunkLimits): string[] {
  const units: string[] = [];
  for (const paragraph of paragraphs(section)) {
    if (paragraph.code) {
      const { fence, lines } = paragraph.code;
      const text = renderFence(fence, lines);
      units.push(...(text.length > limits.hardMax ? splitCodeBlock(fence, lines, limits.target) : [text]));
    } else {
      const text = paragraph.text;
      units.push(...(text.length > limits.hardMax ? splitProse(text, limits.target) : [text]));
    }
  }
  return units;
}

/** A unit before size limits: Markdown prose, or one code block. */
type Paragraph =
  | { text: string; code?: undefined }
  | { text?: undefined; code: { fence: CodeFence; lines: string[] } };

/** Prose blocks as Markdown paragraphs (a tight list stays one), code blocks on their own. */
function paragraphs(section: Section): Paragraph[] {
  const out: Paragraph[] = [];
  for (const block of section.blocks) {
    if (block.kind === 'code') out.push({ code: block });
    else if (block.kind === 'text') {
      const text =
        block.marker + (block.role === 'paragraph' ? softBreaksJoined(block.markdown) : block.markdown);
      const previous = out.at(-1);
      if (block.joined && previous?.text !== undefined) previous.text = `${previous.text}\n${text}`;
      else out.push({ text });
    }
  }
  return out;
}

/**
 * A paragraph's soft line breaks as spaces (a reader sees no difference): chunk texts stay
 * short-lined, which keeps re-reading them cheap. Quoted lines keep their breaks.
 */
function softBreaksJoined(markdown: string): string {
  if (!markdown.includes('\n') || markdown.trimStart().startsWith('>')) return markdown;
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .join(' ');
}
