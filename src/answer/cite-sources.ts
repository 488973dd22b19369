import type { CitedSource } from '../domain/answer-events.ts';
import type { SearchHit, StoredChunk } from '../domain/store.ts';

/** A retrieved chunk as citation source number `n`. */
export const citedSource = (chunk: StoredChunk, score: number, n: number): CitedSource => ({
  n,
  id: chunk.id,
  source: chunk.source,
  title: chunk.title,
  heading: chunk.heading,
  url: chunk.url,
  text: chunk.text,
  score,
  index: chunk.index,
});

/** Numbers hits for citation, from `first` (1 for chat; 2 when the selection is [1]). */
export const citeHits = (hits: SearchHit[], first = 1): CitedSource[] =>
  hits.map((hit, index) => citedSource(hit.chunk, hit.score, first + index));
