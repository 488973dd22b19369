import type { SearchHit, StoredChunk } from '../../../src/domain/store.ts';

/** A search hit on a chunk with the given heading path, text and score (page and position optional). */
export const hit = (
  heading: string,
  text: string,
  score: number,
  chunk: Partial<StoredChunk> = {},
): SearchHit => ({
  chunk: {
    id: `${chunk.source ?? 'a.md'}#${heading}#${chunk.index ?? 0}`,
    index: 0,
    source: 'a.md',
    title: heading.split(' > ')[0] ?? '',
    heading,
    anchor: null,
    url: null,
    text,
    hash: '',
    ...chunk,
  },
  score,
});
