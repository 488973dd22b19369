import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitFrontMatter } from '../../../src/ingest/front-matter.ts';

test('reads the Docusaurus fields and returns the body after the block', () => {
  const text =
    '---\nid: store\ntitle: Store\nslug: /api/the-store\nsidebar_position: 3\nsidebar_label: S\ndescription: d\n---\n\n# Store\n';
  const { frontMatter, body } = splitFrontMatter(text);
  assert.deepEqual(frontMatter, {
    id: 'store',
    title: 'Store',
    slug: '/api/the-store',
    sidebar_position: 3,
    sidebar_label: 'S',
    description: 'd',
  });
  assert.equal(body, '\n# Store\n');
});

test('a document without front matter keeps all its text', () => {
  assert.deepEqual(splitFrontMatter('# Title\n\ntext'), { frontMatter: {}, body: '# Title\n\ntext' });
});

test('invalid YAML does not throw: no fields, the block is removed and the body kept', () => {
  const { frontMatter, body } = splitFrontMatter('---\ntitle: [unclosed\n  : :\n---\nBody text\n');
  assert.deepEqual(frontMatter, {});
  assert.equal(body, 'Body text\n');
});

test('numeric ids are read as text and non-scalar titles are ignored', () => {
  const { frontMatter } = splitFrontMatter('---\nid: 404\ntitle:\n  - a\n---\n');
  assert.deepEqual(frontMatter, { id: '404' });
});

test('a thematic break later in the text is not front matter', () => {
  const text = 'Intro\n\n---\n\nMore';
  assert.equal(splitFrontMatter(text).body, text);
});
