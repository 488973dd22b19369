import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { citedSource, scriptedAnswer } from '../helpers/fake-deps.ts';
import { suiteApp } from '../helpers/http.ts';

describe('HTTP routes', () => {
  const { fakes, inject } = suiteApp({}, { healthTimeoutMs: 100 });
  beforeEach(() => {
    fakes.store.pingError = null;
    fakes.generator.ping = async () => {};
  });

  const post = (url: string, payload: object) => inject({ method: 'POST', url, payload });

  describe('GET /health', () => {
    test('is ok with versions, kinds and counts', async () => {
      const response = await inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), {
        status: 'ok',
        version: '0.0.0-test',
        store: 'embedded',
        embedder: 'none',
        generator: 'extractive',
        links: false,
        documents: 1,
        chunks: 2,
        feedback: 0,
      });
    });

    test('is 503 degraded naming the unreachable store once, without its error text', async () => {
      fakes.store.pingError = new Error('ECONNREFUSED 10.0.0.5:6333');
      const response = await inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 503);
      const body = response.json();
      assert.equal(body.status, 'degraded');
      assert.equal(body.generator, 'extractive');
      assert.deepEqual(body.problems, ['store: unreachable']);
      assert.doesNotMatch(response.body, /ECONNREFUSED/);
    });

    test('reports a dependency that does not answer in time', async () => {
      fakes.generator.ping = (signal) =>
        new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
      const response = await inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 503);
      assert.deepEqual(response.json().problems, ['generator: no answer within 100 ms']);
      assert.equal(response.json().documents, 1);
    });
  });

  describe('POST /embed', () => {
    test('ingests one document', async () => {
      const response = await post('/embed', { text: '# T', source: 'a.md', title: 'T', metadata: { k: 1 } });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), fakes.ingest.summary);
      assert.deepEqual(fakes.ingest.documentCalls.at(-1), [
        { text: '# T', source: 'a.md', title: 'T', metadata: { k: 1 } },
      ]);
    });

    test('ingests a batch', async () => {
      const documents = [
        { text: 'a', source: 'a.md' },
        { text: 'b', source: 'b.md', url: 'https://x.example/b' },
      ];
      assert.equal((await post('/embed', { documents })).statusCode, 200);
      assert.deepEqual(fakes.ingest.documentCalls.at(-1), documents);
    });

    test('ingests a path, prune defaulting to false', async () => {
      assert.equal((await post('/embed', { path: 'tutorial' })).statusCode, 200);
      assert.equal((await post('/embed', { path: 'guide', prune: true })).statusCode, 200);
      assert.deepEqual(fakes.ingest.pathCalls.slice(-2), [
        { path: 'tutorial', prune: false },
        { path: 'guide', prune: true },
      ]);
    });

    test('rejects mixing shapes, an empty batch and an oversized batch with 422', async () => {
      const mixed = await post('/embed', { path: 'docs', text: 'x', source: 'y' });
      assert.equal(mixed.statusCode, 422);
      assert.deepEqual(
        mixed.json().errors.map((error: { path: string }) => error.path),
        ['text', 'source'],
      );
      assert.equal((await post('/embed', { documents: [] })).statusCode, 422);
      const tooMany = Array.from({ length: 1001 }, (_, i) => ({ text: 't', source: `${i}.md` }));
      assert.equal((await post('/embed', { documents: tooMany })).statusCode, 422);
    });
  });

  describe('/documents', () => {
    test('GET lists stored documents', async () => {
      const response = await inject({ method: 'GET', url: '/documents' });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(
        response.json().documents.map((doc: { source: string }) => doc.source),
        ['docs/intro.md'],
      );
    });

    test('DELETE removes a known source and is 404 for an unknown one', async () => {
      const removed = await inject({ method: 'DELETE', url: '/documents?source=docs%2Fintro.md' });
      assert.equal(removed.statusCode, 200);
      assert.deepEqual(removed.json(), { deleted: 1, source: 'docs/intro.md' });
      const again = await inject({ method: 'DELETE', url: '/documents?source=docs%2Fintro.md' });
      assert.equal(again.statusCode, 404);
      assert.equal(again.json().code, 'not_found');
    });

    test('DELETE without a source is 422', async () => {
      const response = await inject({ method: 'DELETE', url: '/documents' });
      assert.equal(response.statusCode, 422);
    });
  });

  describe('POST /search', () => {
    test('returns hits in contract shape with took_ms and passes the options through', async () => {
      const { n: _n, score, ...chunk } = citedSource(1);
      fakes.search.hits = [{ chunk: { ...chunk, index: 0, anchor: 'section', hash: 'h' }, score }];
      const response = await post('/search', { query: 'bodies', top_k: 3, source_prefix: 'docs/' });
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.deepEqual(body.results, [{ ...chunk, score }]);
      assert.equal(typeof body.took_ms, 'number');
      assert.deepEqual(fakes.search.requests.at(-1), { query: 'bodies', topK: 3, sourcePrefix: 'docs/' });
    });

    test('defaults top_k to 5 and rejects 51', async () => {
      await post('/search', { query: 'q' });
      assert.equal(fakes.search.requests.at(-1)?.topK, 5);
      assert.equal((await post('/search', { query: 'q', top_k: 51 })).statusCode, 422);
    });
  });

  describe('chat without streaming', () => {
    test('POST /chat with stream:false returns the whole answer as JSON', async () => {
      const response = await post('/chat', {
        messages: [
          { role: 'user', content: 'What is a body?' },
          { role: 'assistant', content: 'The payload.' },
          { role: 'user', content: 'And the second one?' },
        ],
        user_id: 'u1',
        stream: false,
        top_k: 7,
      });
      assert.equal(response.statusCode, 200);
      assert.match(response.headers['content-type'] ?? '', /^application\/json/);
      const body = response.json();
      assert.deepEqual(Object.keys(body).sort(), [
        'answer',
        'citations',
        'finish_reason',
        'mode',
        'request_id',
        'sources',
        'usage',
      ]);
      assert.equal(body.answer, 'Bodies are parsed [1].');
      assert.equal(body.sources[0].n, 1);
      assert.equal(body.request_id, response.headers['x-request-id']);
      const request = fakes.answers.chatRequests.at(-1);
      assert.equal(request?.messages.length, 3);
      assert.equal(request?.userId, 'u1');
      assert.equal(request?.topK, 7);
    });

    test('POST /chat/selection maps the body to a selection request with defaults', async () => {
      fakes.answers.selectionProducer = () => scriptedAnswer(['From the selection [1].']);
      const response = await post('/chat/selection', {
        selected_text: 'Selected words.',
        question: 'Explain?',
        surrounding_context: 'Around it.',
        stream: false,
      });
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().answer, 'From the selection [1].');
      assert.deepEqual(fakes.answers.selectionRequests.at(-1), {
        selectedText: 'Selected words.',
        question: 'Explain?',
        surroundingContext: 'Around it.',
        source: undefined,
        pageUrl: undefined,
        userId: undefined,
        messages: [],
        strict: false,
        topK: 5,
      });
    });

    test('POST /chat/selection passes the reader page URL on', async () => {
      fakes.answers.selectionProducer = () => scriptedAnswer(['From the selection [1].']);
      const pageUrl = 'https://redux.js.org/api/store/#getstate';
      const response = await post('/chat/selection', {
        selected_text: 'Selected words.',
        question: 'Explain?',
        page_url: pageUrl,
        stream: false,
      });
      assert.equal(response.statusCode, 200);
      assert.equal(fakes.answers.selectionRequests.at(-1)?.pageUrl, pageUrl);
    });

    test('POST /chat without user_id is answered as anonymous', async () => {
      const response = await post('/chat', {
        messages: [{ role: 'user', content: 'What is a body?' }],
        stream: false,
      });
      assert.equal(response.statusCode, 200);
      assert.equal(fakes.answers.chatRequests.at(-1)?.userId, undefined);
    });
  });
});
