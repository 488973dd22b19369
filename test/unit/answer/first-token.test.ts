import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAnswerService } from '../../../src/answer/create-answer-service.ts';
import { startedNow } from '../../../src/answer/started-now.ts';
import type { Embedder } from '../../../src/domain/embedder.ts';
import type { ChunkStore, SearchQuery } from '../../../src/domain/store.ts';
import { createSearchService } from '../../../src/retrieval/create-search-service.ts';
import { hit, never, pagesStore, RecordingSearch, ScriptedGenerator } from './answer-fakes.ts';

describe('nothing waits before the first token', () => {
  it('opens the model stream before the sources event is consumed', async () => {
    const generator = new ScriptedGenerator();
    const answers = createAnswerService({
      search: new RecordingSearch(() => [hit('a')]),
      store: pagesStore(),
      generator,
      maxHistoryTurns: 6,
      maxHistoryChars: 6000,
    });
    const events = answers
      .chat({ messages: [{ role: 'user', content: 'What is a reducer?' }], userId: 'u', topK: 3 }, never())
      [Symbol.asyncIterator]();
    const first = await events.next();
    assert.equal(first.value?.type, 'sources');
    assert.equal(generator.requests.length, 1, 'generate() started while the sources were being sent');
    await events.return?.();
  });

  it('startedNow runs the first step at once, replays it, and reports its failure only when asked', async () => {
    const steps: string[] = [];
    async function* source() {
      steps.push('first step ran');
      yield 1;
      yield 2;
    }
    const started = startedNow(source());
    await Promise.resolve();
    assert.deepEqual(steps, ['first step ran']);
    const values: number[] = [];
    for await (const value of started) values.push(value);
    assert.deepEqual(values, [1, 2]);

    // biome-ignore lint/correctness/useYield: fails before its first value on purpose.
    async function* failing(): AsyncGenerator<number> {
      throw new Error('upstream down');
    }
    const early = startedNow(failing());
    await new Promise((resolve) => setImmediate(resolve)); // no unhandled rejection meanwhile
    await assert.rejects(early.next(), /upstream down/);
  });

  it('starts the keyword search while the query embedding is still in flight', async () => {
    let releaseEmbedding: (vector: number[][]) => void = () => {};
    const embedder = {
      model: 'm',
      dimension: async () => 2,
      embed: () => new Promise<number[][]>((resolve) => (releaseEmbedding = resolve)),
      ping: async () => {},
    } as Embedder;
    const seen: { pendingWhenCalled: boolean; vector: number[] | undefined }[] = [];
    let embedded = false;
    const store = {
      kind: 'embedded',
      search: async () => assert.fail('the overlapping search is used when the store offers it'),
      searchWhileEmbedding: async (
        _query: Omit<SearchQuery, 'vector'>,
        vector: Promise<number[] | undefined>,
      ) => {
        const pendingWhenCalled = !embedded;
        releaseEmbedding([[1, 0]]);
        embedded = true;
        seen.push({ pendingWhenCalled, vector: await vector });
        return [];
      },
    } as unknown as ChunkStore;
    await createSearchService({ store, embedder }).search({ query: 'reducers', topK: 3 });
    assert.deepEqual(seen, [{ pendingWhenCalled: true, vector: [1, 0] }]);
  });
});
