import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredChunk } from '../../../src/domain/store.ts';
import { pageText } from '../../../src/http/mcp/page-text.ts';

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

describe('get_page text', () => {
  it('rebuilds the page with each section heading once, at its depth, the title left out', () => {
    const text = pageText([
      chunk(0, 'compose', 'Intro.'),
      chunk(1, 'compose > Arguments', 'First half.'),
      chunk(2, 'compose > Arguments', 'Second half.'),
      chunk(3, 'compose > Arguments > Returns', 'A function.'),
    ]);
    assert.equal(text, 'Intro.\n\n## Arguments\n\nFirst half.\n\nSecond half.\n\n### Returns\n\nA function.');
  });
});
