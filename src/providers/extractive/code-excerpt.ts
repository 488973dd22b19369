import { terms } from '../../domain/tokenize.ts';

/**
 * Shortens a long code block to the window of consecutive lines (at most `maxChars`) that
 * mentions the most query terms, marking cut lines with `// …`. Short blocks are returned whole.
 */
export function codeExcerpt(code: string, query: ReadonlyMap<string, number>, maxChars: number): string {
  if (code.length <= maxChars) return code;
  const lines = code.split('\n');
  const lineScores = lines.map((line) => terms(line).reduce((sum, term) => sum + (query.get(term) ?? 0), 0));
  // Sliding window: `to` only moves forward, so a block of any length costs one pass.
  let best = { from: 0, to: 0, score: -1 };
  let to = 0;
  let length = 0;
  let score = 0;
  for (let from = 0; from < lines.length; from += 1) {
    if (to < from) {
      to = from;
      length = 0;
      score = 0;
    }
    while (to < lines.length && length + (lines[to]?.length ?? 0) + 1 <= maxChars) {
      length += (lines[to]?.length ?? 0) + 1;
      score += lineScores[to] ?? 0;
      to += 1;
    }
    if (score > best.score && to > from) best = { from, to, score };
    if (to > from) {
      length -= (lines[from]?.length ?? 0) + 1;
      score -= lineScores[from] ?? 0;
    }
  }
  if (best.to === best.from) return `${(lines[0] ?? '').slice(0, maxChars)}\n// …`;
  const excerpt = lines.slice(best.from, best.to);
  if (best.from > 0) excerpt.unshift('// …');
  if (best.to < lines.length) excerpt.push('// …');
  return excerpt.join('\n');
}
