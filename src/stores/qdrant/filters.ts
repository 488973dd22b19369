import type { Schemas } from '@qdrant/js-client-rest';
import type { PointKind } from './payload.ts';

type Filter = Schemas['Filter'];
type Condition = Schemas['FieldCondition'];

/** Points of one kind. */
export const kindIs = (kind: PointKind): Condition => ({ key: 'kind', match: { value: kind } });

/** Points of exactly this source. */
export const sourceIs = (source: string): Condition => ({ key: 'source', match: { value: source } });

/** Document records whose page URL has this comparison key (see pageUrlKey). */
export const urlKeyIs = (key: string): Condition => ({ key: 'url_key', match: { value: key } });

/** Points whose source is one of `sources` (an empty list matches nothing). */
export const sourceIn = (sources: string[]): Condition => ({ key: 'source', match: { any: sources } });

/** Points whose source lies under `directory` (which ends with `/`). */
export const underDirectory = (directory: string): Condition => ({
  key: 'source_dirs',
  match: { value: directory },
});

/** The directory part of a prefix, up to and including its last `/` ('' when it has none). */
export const directoryOf = (prefix: string): string => prefix.slice(0, prefix.lastIndexOf('/') + 1);

/** All of `conditions` must hold. */
export const allOf = (...conditions: Condition[]): Filter => ({ must: conditions });
