import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareDocument } from '../../../src/ingest/prepare-document.ts';

const anchors = (text: string) =>
  prepareDocument({ source: 'a.md', text }).chunks.map((chunk) => chunk.anchor);

test('duplicate headings get -1, -2 suffixes like github-slugger', () => {
  assert.deepEqual(anchors('## Example\nx\n## Example\ny\n## Example\nz'), [
    'example',
    'example-1',
    'example-2',
  ]);
});

test('inline code and links are slugged by their visible text', () => {
  assert.deepEqual(
    anchors('## Using `extraReducers` to Handle Other Actions\nx\n## See [the API](./api.md#x)\ny'),
    ['using-extrareducers-to-handle-other-actions', 'see-the-api'],
  );
});

test('punctuation is dropped and spaces become dashes', () => {
  assert.deepEqual(anchors('## dispatch(action)\nx\n## Redux + React: **Why?**\ny'), [
    'dispatchaction',
    'redux--react-why',
  ]);
});

test('explicit ids win in the classic, MDX-comment and MkDocs forms', () => {
  assert.deepEqual(anchors('## Intro {#custom}\nx\n## Setup {/* #set-up */}\ny\n## Body { #body }\nz'), [
    'custom',
    'set-up',
    'body',
  ]);
});

test('an explicit id is not shown in the heading path', () => {
  const [chunk] = prepareDocument({ source: 'a.md', text: '# Page\n\n## Intro {#custom}\ntext' }).chunks;
  assert.equal(chunk?.heading, 'Page > Intro');
});

test('a leading h1 still takes its slug, so a later heading with the same text gets -1', () => {
  assert.deepEqual(anchors('# Store\n\nIntro\n\n## Store\ntext'), [null, 'store-1']);
});
