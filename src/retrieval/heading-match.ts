import { terms } from './tokenize.ts';

const sameTerms = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean =>
  a.size === b.size && [...a].every((term) => b.has(term));

/**
 * True when the section's own heading (the last part of the heading path) names exactly what the
 * query asks about, e.g. "What is a reducer?" and "Glossary > Reducer". Short definitional
 * questions match many passages by one common word; the section titled with that word is the one
 * that defines it.
 */
export function headingNamesQuery(queryTerms: ReadonlySet<string>, heading: string): boolean {
  if (queryTerms.size === 0) return false;
  const own = heading.split(' > ').at(-1) ?? '';
  return sameTerms(queryTerms, new Set(terms(own)));
}
