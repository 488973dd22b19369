import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChunkStore, SearchHit, SearchQuery } from '../../../src/domain/store.ts';
import { createSearchService } from '../../../src/retrieval/create-search-service.ts';
import { hit } from './hits.ts';

/** A store that returns a fixed ranking, cut to the requested limit, and records the queries. */
function rankedStore(ranking: SearchHit[]) {
  const queries: SearchQuery[] = [];
  const store = {
    kind: 'embedded',
    search: async (query: SearchQuery) => {
      queries.push(query);
      return ranking.slice(0, query.limit);
    },
  } as unknown as ChunkStore;
  return { store, queries };
}

const links = '- [One](./1.md)\n- [Two](./2.md)';
const ranking = [
  hit('FAQ > Further information', links, 9),
  hit('FAQ > Are reducers optional in tiny apps?', 'Reducers are optional for tiny apps.', 8),
  ...Array.from({ length: 20 }, (_, i) => hit(`Page ${i} > Other`, `reducer mention ${i}`, 7 - i / 100)),
  hit('Glossary > Reducer', 'A reducer is a function that returns the next state.', 1),
];

test('a section titled with the asked-about term comes first, even from deep in the pool', async () => {
  const { store, queries } = rankedStore(ranking);
  const results = await createSearchService({ store, embedder: null }).search({
    query: 'What is a reducer?',
    topK: 3,
  });
  assert.equal(results[0]?.chunk.heading, 'Glossary > Reducer');
  assert.equal(results.length, 3);
  assert.ok((queries[0]?.limit ?? 0) >= 40, 'the pool is wider than the page');
});

test('link-list passages rank after explaining passages within the page', async () => {
  const { store } = rankedStore(ranking);
  const results = await createSearchService({ store, embedder: null }).search({
    query: 'optional reducers',
    topK: 3,
  });
  assert.deepEqual(
    results.map((result) => result.chunk.heading),
    ['FAQ > Are reducers optional in tiny apps?', 'Page 0 > Other', 'FAQ > Further information'],
  );
});
