import { sameName, subjectNames } from './code-names.ts';
import { terms } from './tokenize.ts';

const sameTerms = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean =>
  a.size === b.size && [...a].every((term) => b.has(term));

/** A heading part without a trailing `[type]` or `(args)` label: `slowTestThreshold [number]`. */
function withoutLabel(part: string): string {
  let end = part.length;
  for (;;) {
    const trimmed = part.slice(0, end).trimEnd();
    const close = trimmed.at(-1);
    const open = close === ']' ? '[' : close === ')' ? '(' : null;
    const start = open ? trimmed.lastIndexOf(open) : -1;
    if (start <= 0) return trimmed;
    end = start;
  }
}

/** What a query asks about, computed once per search. */
export interface QueryNames {
  terms: ReadonlySet<string>;
  /** API names the query is about (see subjectNames); empty when it names them in passing. */
  names: readonly string[];
  /** The query's terms that are not part of those names ("return" in "combineReducers return"). */
  others: ReadonlySet<string>;
}

export function queryNames(query: string): QueryNames {
  const all = new Set(terms(query));
  const names = subjectNames(query);
  const nameTerms = new Set(terms(names.join(' ').replaceAll('.', ' ')));
  for (const name of names) for (const term of terms(name)) nameTerms.add(term);
  return { terms: all, names, others: new Set([...all].filter((term) => !nameTerms.has(term))) };
}

/** True when a heading part is about an API name the query asks about. */
function namesAskedApi(query: QueryNames, part: string): boolean {
  if (query.names.length === 0) return false;
  return subjectNames(withoutLabel(part)).some((name) => query.names.some((asked) => sameName(name, asked)));
}

/**
 * True when the section's own heading (the last part of the heading path) names what the query
 * asks about: the same stemmed terms ("What is a reducer?" and "Glossary > Reducer") or an API
 * name the query asks about ("What does --runInBand do?" and "`--runInBand`"). Short definitional
 * questions match many passages by one common word; the section titled with that word or name is
 * the one that defines it.
 */
export function headingNamesQuery(query: QueryNames, heading: string): boolean {
  const own = withoutLabel(heading.split(' > ').at(-1) ?? '');
  if (query.terms.size > 0 && sameTerms(query.terms, new Set(terms(own)))) return true;
  return namesAskedApi(query, own);
}

/**
 * Where in the heading path the query's subject is named: the own heading (see headingNamesQuery)
 * gives the path's depth; otherwise the shallowest part titled with an API name the query asks
 * about ("combineReducers > combineReducers(reducers) > Overview" for "What does combineReducers
 * do?" gives 1), `ancestor` telling the two apart, and `complete` when the own heading names the
 * rest of the query ("… > Returns" for "combineReducers return"); null when no part names it.
 */
export function namingLevel(
  query: QueryNames,
  heading: string,
): { level: number; ancestor: boolean; complete: boolean } | null {
  const parts = heading.split(' > ');
  if (headingNamesQuery(query, heading)) return { level: parts.length, ancestor: false, complete: false };
  const index = parts.slice(0, -1).findIndex((part) => namesAskedApi(query, part));
  if (index < 0) return null;
  const own = new Set(terms(withoutLabel(parts.at(-1) ?? '')));
  const complete = query.others.size > 0 && sameTerms(own, query.others);
  return { level: index + 1, ancestor: !complete, complete };
}
