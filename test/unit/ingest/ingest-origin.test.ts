import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createIngestService } from '../../../src/ingest/ingest-pipeline.ts';
import { resolveSiteLinks } from '../../../src/ingest/site-links.ts';
import { openEmbeddedStore } from '../../../src/stores/embedded/embedded-store.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-origin-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
async function setup(pages: Record<string, string>) {
  const dir = path.join(root, `book-${++counter}`);
  const docsDir = path.join(dir, 'docs');
  for (const [source, text] of Object.entries(pages)) {
    fs.mkdirSync(path.dirname(path.join(docsDir, source)), { recursive: true });
    fs.writeFileSync(path.join(docsDir, source), text);
  }
  const store = await openEmbeddedStore({ file: path.join(dir, 'index.sqlite') });
  const ingest = createIngestService({ store, embedder: null, docsDir, links: null });
  return { docsDir, store, ingest };
}

const listed = async (store: Awaited<ReturnType<typeof setup>>['store']) =>
  (await store.listDocuments()).map((doc) => [doc.source, doc.origin]);

describe('document origins', () => {
  it('a pruning sync deletes docs pages whose file is gone, never documents sent as text', async () => {
    const { docsDir, store, ingest } = await setup({ 'a.md': '# A\n\nfirst', 'b.md': '# B\n\nsecond' });
    await ingest.ingestPath('', { prune: true });
    await ingest.ingestDocuments([{ source: 'notes/api.md', text: '# Note\n\nsent as text' }]);
    await ingest.ingestDocuments([{ source: 'c.md', text: '# C\n\nsent as text, named like a page' }]);
    fs.rmSync(path.join(docsDir, 'b.md'));
    const summary = await ingest.ingestPath('', { prune: true });
    assert.equal(summary.deleted, 1);
    assert.deepEqual(await listed(store), [
      ['a.md', 'docs'],
      ['c.md', 'api'],
      ['notes/api.md', 'api'],
    ]);
  });

  it('a page sent as text and later synced from DOCS_DIR becomes a docs page', async () => {
    const text = '# A\n\nsame text';
    const { store, ingest } = await setup({ 'a.md': text });
    await ingest.ingestDocuments([{ source: 'a.md', text }]);
    assert.deepEqual(await listed(store), [['a.md', 'api']]);
    const summary = await ingest.ingestPath('', { prune: true });
    assert.equal(summary.unchanged, 0);
    assert.deepEqual(await listed(store), [['a.md', 'docs']]);
  });
});

describe('deep links from the sample book config', () => {
  // Expected URLs from shared/corpora/redux-docs/SOURCE.md's table (the live site).
  const live: Record<string, string> = {
    'api/Store.md': 'https://redux.js.org/api/store',
    'api/combineReducers.md': 'https://redux.js.org/api/combinereducers',
    'faq/StoreSetup.md': 'https://redux.js.org/faq/store-setup',
    'introduction/GettingStarted.md': 'https://redux.js.org/introduction/getting-started',
    'tutorials/quick-start.md': 'https://redux.js.org/tutorials/quick-start',
    'understanding/thinking-in-redux/ThreePrinciples.md':
      'https://redux.js.org/understanding/thinking-in-redux/three-principles',
    'usage/WritingTests.mdx': 'https://redux.js.org/usage/writing-tests',
  };

  it('links every page of examples/docusaurus/docs to its page on redux.js.org, sections by anchor', async () => {
    const docsDir = path.join(repo, 'examples/docusaurus/docs');
    const links = await resolveSiteLinks({ docsDir, docsRouteBase: 'docs' });
    assert.equal(links?.from, path.join(repo, 'examples/docusaurus/docusaurus.config.js'));
    const store = await openEmbeddedStore({ file: ':memory:' });
    const ingest = createIngestService({ store, embedder: null, docsDir, links });
    await ingest.ingestPath('', { prune: true });
    const urls = Object.fromEntries((await store.listDocuments()).map((doc) => [doc.source, doc.url]));
    for (const [source, url] of Object.entries(live)) assert.equal(urls[source], url, source);
    const sections = (await store.chunksOf('api/combineReducers.md')).map((chunk) => chunk.url);
    assert.ok(
      sections.includes('https://redux.js.org/api/combinereducers#state-slices'),
      sections.join('\n'),
    );
  });

  it('SITE_URL wins over the config, with DOCS_ROUTE_BASE', async () => {
    const docsDir = path.join(repo, 'examples/docusaurus/docs');
    const links = await resolveSiteLinks({
      docsDir,
      siteUrl: 'https://mirror.dev/book/',
      docsRouteBase: 'docs',
    });
    assert.deepEqual(links, { siteUrl: 'https://mirror.dev/book/', routeBase: 'docs', from: 'SITE_URL' });
  });

  it('an index made without links gets them on the next sync', async () => {
    const docsDir = path.join(repo, 'examples/docusaurus/docs');
    const store = await openEmbeddedStore({ file: ':memory:' });
    await createIngestService({ store, embedder: null, docsDir, links: null }).ingestPath('api', {
      prune: false,
    });
    assert.equal((await store.listDocuments())[0]?.url, null);
    const links = await resolveSiteLinks({ docsDir, docsRouteBase: 'docs' });
    const summary = await createIngestService({ store, embedder: null, docsDir, links }).ingestPath('api', {
      prune: false,
    });
    assert.equal(summary.unchanged, 0);
    assert.deepEqual(
      (await store.listDocuments()).map((doc) => doc.url),
      ['https://redux.js.org/api/store', 'https://redux.js.org/api/combinereducers'],
    );
  });
});
