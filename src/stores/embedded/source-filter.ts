/** A SQL condition on a source column plus its bound parameters, in order. */
export interface SqlCondition {
  sql: string;
  params: string[];
}

/**
 * Upper bound for a prefix range: every string that starts with `prefix` sorts below
 * `prefix + U+10FFFF` (the highest code point) under SQLite's binary UTF-8 comparison.
 * A range (not LIKE) is used because it can use the source index and needs no escaping of `%`/`_`.
 */
export const prefixUpperBound = (prefix: string): string => `${prefix}\u{10FFFF}`;

/**
 * The SQL condition restricting `column` to `sourcePrefix` and/or `sources` (both apply when
 * both are given). `sources` binds as one JSON array so any number of sources is one parameter.
 */
export function sourceCondition(
  column: string,
  filter: { sourcePrefix?: string | undefined; sources?: string[] | undefined },
): SqlCondition {
  const parts: string[] = [];
  const params: string[] = [];
  if (filter.sourcePrefix) {
    parts.push(`${column} >= ? AND ${column} < ?`);
    params.push(filter.sourcePrefix, prefixUpperBound(filter.sourcePrefix));
  }
  if (filter.sources !== undefined) {
    parts.push(`${column} IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(filter.sources));
  }
  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), params };
}
