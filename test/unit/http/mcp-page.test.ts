import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChunkStore, DocumentRecord, StoredChunk } from '../../../src/domain/store.ts';
import { pageText, sourceForUrl } from '../../../src/http/mcp/page.ts';

const chunk = (index: number, heading: string, text: string): StoredChunk => ({
  id: String(index),
  index,
  source: 'api/compose.md',
  title: 'compose',
  heading,
  anchor: null,
  url: null,
  text,
  hash: '',
});

const documents: Partial<DocumentRecord>[] = [
  { source: 'api/compose.md', url: 'https://example.github.io/book/docs/api/compose' },
  { source: 'intro.md', url: null },
];
const store = { listDocuments: async () => documents } as unknown as ChunkStore;

describe('get_page helpers', () => {
  it('rebuilds the page with each section heading once, at its depth', () => {
    const text = pageText([
      chunk(0, 'compose', 'Intro.'),
      chunk(1, 'compose > Arguments', 'First half.'),
      chunk(2, 'compose > Arguments', 'Second half.'),
      chunk(3, 'compose > Arguments > Returns', 'A function.'),
    ]);
    assert.equal(
      text,
      '# compose\n\nIntro.\n\n## Arguments\n\nFirst half.\n\nSecond half.\n\n### Returns\n\nA function.',
    );
  });

  it('resolves page and section URLs, with or without a trailing slash, and site paths', async () => {
    for (const url of [
      'https://example.github.io/book/docs/api/compose',
      'https://example.github.io/book/docs/api/compose/#returns',
      'https://example.github.io/book/docs/api/compose?x=1',
      '/book/docs/api/compose',
    ]) {
      assert.equal(await sourceForUrl(store, url), 'api/compose.md', url);
    }
  });

  it('finds nothing for other sites and for text that is not a URL', async () => {
    assert.equal(await sourceForUrl(store, 'https://elsewhere.example/book/docs/api/compose'), null);
    assert.equal(await sourceForUrl(store, 'compose'), null);
  });
});
