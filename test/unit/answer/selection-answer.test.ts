import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAnswerService } from '../../../src/answer/create-answer-service.ts';
import type { CitedSource } from '../../../src/domain/answer-events.ts';
import type { SelectionRequest } from '../../../src/domain/answer-service.ts';
import {
  chunk,
  collect,
  hit,
  never,
  pagesStore,
  RecordingSearch,
  ScriptedGenerator,
} from './answer-fakes.ts';

const page = [
  chunk('p0', { source: 'api/store.md', title: 'Store', url: 'https://book.example/api/store#intro' }),
  chunk('p1', {
    source: 'api/store.md',
    title: 'Store',
    url: 'https://book.example/api/store#subscribe',
    text: 'The subscriptions are snapshotted just before every dispatch call.',
  }),
];

const request = (overrides: Partial<SelectionRequest> = {}): SelectionRequest => ({
  selectedText: 'The subscriptions are snapshotted just before every dispatch call.',
  question: 'What does this mean in practice?',
  messages: [],
  strict: false,
  topK: 3,
  ...overrides,
});

async function sourcesOf(search: RecordingSearch, selection: SelectionRequest): Promise<CitedSource[]> {
  const answers = createAnswerService({
    search,
    store: pagesStore({ 'api/store.md': page }),
    generator: new ScriptedGenerator(),
    maxHistoryTurns: 6,
    maxHistoryChars: 6000,
  });
  const [first] = await collect(answers.selection(selection, never()));
  assert.equal(first?.type, 'sources');
  return first.type === 'sources' ? first.sources : [];
}

describe('selection answers', () => {
  it('makes the selected text source 1, titled and linked after its page', async () => {
    const [selection] = await sourcesOf(new RecordingSearch(), request({ source: 'api/store.md' }));
    assert.deepEqual(selection, {
      n: 1,
      id: 'selection',
      source: 'api/store.md',
      title: 'Store',
      heading: 'Selection',
      url: 'https://book.example/api/store#subscribe',
      text: 'The subscriptions are snapshotted just before every dispatch call.',
      score: 1,
    });
  });

  it('finds the page from page_url when no source is given, ignoring anchor, query and trailing slash', async () => {
    const search = new RecordingSearch();
    const [selection] = await sourcesOf(
      search,
      request({ pageUrl: 'https://book.example/api/store/?ref=nav#getstate' }),
    );
    assert.equal(selection?.source, 'api/store.md');
    assert.equal(selection?.url, 'https://book.example/api/store#subscribe');
    assert.ok(search.requests.some((asked) => asked.sources?.[0] === 'api/store.md'));
  });

  it('answers without page preference when page_url is unknown', async () => {
    const search = new RecordingSearch();
    const [selection] = await sourcesOf(search, request({ pageUrl: 'https://elsewhere.example/x' }));
    assert.equal(selection?.source, 'selection');
    assert.ok(search.requests.every((asked) => asked.sources === undefined));
  });

  it('calls a selection from an unknown page "Selected text" without a link', async () => {
    const [selection] = await sourcesOf(new RecordingSearch(), request());
    assert.equal(selection?.title, 'Selected text');
    assert.equal(selection?.source, 'selection');
    assert.equal(selection?.url, null);
  });

  it('notes the surrounding context in the selection source', async () => {
    const [selection] = await sourcesOf(
      new RecordingSearch(),
      request({ surroundingContext: 'About listeners.' }),
    );
    assert.match(selection?.text ?? '', /About listeners\./);
  });

  it('in strict mode answers from the selection alone, without any retrieval', async () => {
    const search = new RecordingSearch(() => [hit('x')]);
    const sources = await sourcesOf(search, request({ strict: true, source: 'api/store.md' }));
    assert.deepEqual(
      sources.map((source) => source.id),
      ['selection'],
    );
    assert.equal(search.requests.length, 0);
  });

  it('adds passages of the same page first, then the rest of the book, without duplicates, up to top_k', async () => {
    const search = new RecordingSearch((asked) =>
      asked.sources ? [hit('same1'), hit('same2')] : [hit('same2'), hit('book1'), hit('book2')],
    );
    const sources = await sourcesOf(search, request({ source: 'api/store.md', topK: 3 }));
    assert.deepEqual(
      sources.map((source) => [source.n, source.id]),
      [
        [1, 'selection'],
        [2, 'same1'],
        [3, 'same2'],
        [4, 'book1'],
      ],
    );
    assert.deepEqual(search.requests.find((asked) => asked.sources)?.sources, ['api/store.md']);
  });

  it('searches with the question plus the key words of the selection', async () => {
    const search = new RecordingSearch();
    await sourcesOf(search, request());
    assert.match(search.requests[0]?.query ?? '', /^What does this mean in practice\? .*snapshotted/);
  });

  it('gives the generator the selection, its context and the history', async () => {
    const generator = new ScriptedGenerator();
    const answers = createAnswerService({
      search: new RecordingSearch(),
      store: pagesStore(),
      generator,
      maxHistoryTurns: 6,
      maxHistoryChars: 6000,
    });
    const messages = [{ role: 'user' as const, content: 'Earlier question' }];
    await collect(answers.selection(request({ surroundingContext: 'ctx', messages }), never()));
    assert.deepEqual(generator.requests[0]?.selection, { text: request().selectedText, context: 'ctx' });
    assert.deepEqual(generator.requests[0]?.history, messages);
  });
});
