import { type CodeFence, renderFence } from '../domain/markdown/code-block.ts';

/**
 * Splits one code block longer than `hardMax` at line boundaries into pieces of about `target`
 * characters, each re-opened and re-closed with the original fence so it stays valid Markdown.
 */
export function splitCodeBlock(opening: CodeFence, lines: string[], target: number): string[] {
  const overhead = renderFence(opening, []).length + 1;
  const pieces: string[] = [];
  let current: string[] = [];
  let size = overhead;
  for (const line of lines) {
    if (current.length > 0 && size + line.length + 1 > target) {
      pieces.push(renderFence(opening, current));
      current = [];
      size = overhead;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length > 0 || pieces.length === 0) pieces.push(renderFence(opening, current));
  return pieces;
}

/**
 * Splits prose longer than `hardMax` into pieces of at most `target` characters: at line breaks
 * first, then after sentences, then at spaces, and only as a last resort inside a word.
 */
export function splitProse(text: string, target: number): string[] {
  return pack(
    text.split('\n').flatMap((line) => splitLine(line, target)),
    '\n',
    target,
  );
}

function splitLine(line: string, target: number): string[] {
  if (line.length <= target) return [line];
  const sentences = line.split(/(?<=[.!?:;])\s+/);
  if (sentences.length > 1)
    return pack(
      sentences.flatMap((part) => splitLine(part, target)),
      ' ',
      target,
    );
  const words = line.split(/\s+/);
  if (words.length > 1)
    return pack(
      words.flatMap((word) => splitLine(word, target)),
      ' ',
      target,
    );
  const pieces: string[] = [];
  for (let start = 0; start < line.length; start += target) pieces.push(line.slice(start, start + target));
  return pieces;
}

/** Greedily joins parts with `separator` into strings no longer than `limit` (when parts allow). */
export function pack(parts: string[], separator: string, limit: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const part of parts) {
    if (current && current.length + separator.length + part.length > limit) {
      out.push(current);
      current = part;
    } else {
      current = current ? current + separator + part : part;
    }
  }
  if (current) out.push(current);
  return out;
}
