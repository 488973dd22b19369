import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFixtureBook } from '../helpers/fixture-book.ts';
import { postJson, readSse } from '../helpers/http.ts';
import { type RealService, startRealService } from '../helpers/real-service.ts';

/** The embedded default end to end: real store, real ingest, real extractive answers, real HTTP. */
describe('embedded default through HTTP', () => {
  const book = createFixtureBook();
  let service: RealService;
  let url: string;

  before(async () => {
    service = await startRealService(book, { SITE_URL: 'https://example.github.io/book/' });
    url = service.url;
  });
  after(async () => {
    await service.close();
    book.remove();
  });

  const ingestAll = async (body: Record<string, unknown> = { path: '.' }) => {
    const response = await postJson(`${url}/embed`, body);
    assert.equal(response.status, 200);
    return (await response.json()) as Record<string, number>;
  };

  it('ingests DOCS_DIR by path, then finds a passage with a deep link', async () => {
    const summary = await ingestAll();
    assert.equal(summary.documents, 4);
    assert.equal(summary.unchanged, 0);
    assert.ok((summary.chunks ?? 0) > 10, `chunks: ${summary.chunks}`);

    const response = await postJson(`${url}/search`, {
      query: 'How do I compose functions from right to left?',
    });
    const { results } = (await response.json()) as { results: Record<string, string>[] };
    assert.equal(results[0]?.source, 'api/compose.md');
    assert.match(results[0]?.url ?? '', /^https:\/\/example\.github\.io\/book\/docs\/api\/compose#/);
  });

  it('re-ingesting unchanged pages does no work', async () => {
    const summary = await ingestAll();
    assert.equal(summary.unchanged, 4);
    assert.equal(summary.chunks, 0);
  });

  it('a changed page replaces its chunks and a deleted page is pruned', async () => {
    book.write(
      'api/compose.md',
      '---\ntitle: compose\n---\n\n## Overview\n\nZebrafish compose nothing now.\n',
    );
    fs.rmSync(path.join(book.docsDir, 'faq/CodeStructure.md'));
    const summary = await ingestAll({ path: '.', prune: true });
    assert.equal(summary.unchanged, 2);
    assert.equal(summary.deleted, 1);

    const stale = (await (
      await postJson(`${url}/search`, { query: 'right-most argument signature' })
    ).json()) as {
      results: { source: string }[];
    };
    assert.ok(!stale.results.some((hit) => hit.source === 'api/compose.md'), 'old compose text is gone');
    const fresh = (await (await postJson(`${url}/search`, { query: 'zebrafish' })).json()) as {
      results: { source: string }[];
    };
    assert.equal(fresh.results[0]?.source, 'api/compose.md');
    const listed = ((await (await fetch(`${url}/documents`)).json()) as { documents: { source: string }[] })
      .documents;
    assert.deepEqual(listed.map((doc) => doc.source).sort(), [
      'api/compose.md',
      'dom-testing-library/api-within.mdx',
      'tutorials/fundamentals/part-1-overview.md',
    ]);
  });

  it('streams a cited answer: sources, tokens, done', async () => {
    const response = await postJson(`${url}/chat`, {
      messages: [{ role: 'user', content: 'When should I use Redux?' }],
      user_id: 'reader-1',
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const { events } = await readSse(response);
    assert.equal(events[0]?.event, 'sources');
    assert.equal(events.at(-1)?.event, 'done');
    const tokens = events.filter((event) => event.event === 'token');
    assert.ok(tokens.length > 1, 'the answer arrives in several token events');
    const done = events.at(-1)?.data as { answer: string; finish_reason: string; mode: string };
    assert.equal(done.finish_reason, 'stop');
    assert.equal(done.mode, 'extractive');
    assert.equal(tokens.map((token) => token.data.text).join(''), done.answer);
    assert.match(done.answer, /\[\d\]/);
  });

  it('answers no_context for a topic the book does not cover', async () => {
    const response = await postJson(`${url}/chat`, {
      messages: [{ role: 'user', content: 'How do I configure Kubernetes ingress TLS certificates?' }],
      user_id: 'reader-1',
      stream: false,
    });
    const body = (await response.json()) as { finish_reason: string };
    assert.equal(body.finish_reason, 'no_context');
  });

  it('answers about a selection with the selection as source 1', async () => {
    const response = await postJson(`${url}/chat/selection`, {
      selected_text: 'within takes a DOM element and binds it to the raw query functions',
      question: 'What does this do?',
      source: 'dom-testing-library/api-within.mdx',
      stream: false,
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { sources: { n: number; source: string }[]; answer: string };
    assert.equal(body.sources[0]?.n, 1);
    assert.equal(body.sources[0]?.source, 'dom-testing-library/api-within.mdx');
    assert.match(body.answer, /\[1\]/);
  });

  it('deletes one document by source', async () => {
    const response = await fetch(`${url}/documents?source=api%2Fcompose.md`, { method: 'DELETE' });
    assert.equal(response.status, 200);
    const health = (await (await fetch(`${url}/health`)).json()) as { documents: number };
    assert.equal(health.documents, 2);
  });

  it('refuses a traversal attempt with problem+json 400', async () => {
    const response = await postJson(`${url}/embed`, { path: '../../etc' });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/);
  });
});
