import type { CitedSource } from '../domain/answer-events.ts';

/** Longest snippet of a cited passage sent to clients; the full text stays server-side. */
export const SNIPPET_CHARS = 300;

/** Shortens text to at most `max` characters, cutting at a word boundary and marking the cut with `…`. */
export function snippet(text: string, max = SNIPPET_CHARS): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  // Fall back to a hard cut when the passage has no space near the end (a long URL, CJK text).
  const end = lastSpace > max / 2 ? lastSpace : cut.length;
  return `${cut.slice(0, end).trimEnd()}…`;
}

/** A cited source as sent to clients: the same fields with `text` reduced to a snippet. */
export const publicSource = (source: CitedSource): CitedSource => ({
  n: source.n,
  id: source.id,
  source: source.source,
  title: source.title,
  heading: source.heading,
  url: source.url,
  text: snippet(source.text),
  score: source.score,
});
