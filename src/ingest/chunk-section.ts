import type { ChunkLimits } from './chunk-limits.ts';
import { renderFence } from './code-fence.ts';
import type { Section } from './sections.ts';
import { splitCodeBlock, splitProse } from './split-oversized.ts';

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
  for (const block of section.blocks) {
    if (block.kind === 'code') {
      const text = renderFence(block.fence, block.lines);
      units.push(
        ...(text.length > limits.hardMax ? splitCodeBlock(block.fence, block.lines, limits.target) : [text]),
      );
    } else if (block.kind === 'text') {
      for (const paragraph of paragraphs(block.lines)) {
        units.push(
          ...(paragraph.length > limits.hardMax ? splitProse(paragraph, limits.target) : [paragraph]),
        );
      }
    }
  }
  return units;
}

/** Prose lines grouped into paragraphs at blank lines, trailing spaces removed. */
function paragraphs(lines: string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed.trim() === '') {
      if (current.length > 0) out.push(current.join('\n'));
      current = [];
    } else {
      current.push(trimmed);
    }
  }
  if (current.length > 0) out.push(current.join('\n'));
  return out;
}
