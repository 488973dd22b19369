import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { prepareDocument } from '../../../src/ingest/prepare-document.ts';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures');
const fixture = (relative: string) => readFileSync(path.join(FIXTURES, relative), 'utf8');
const redux = { siteUrl: 'https://redux.js.org', docsRouteBase: '' };

test('a real Redux page: front-matter title, page URL, anchored chunk URLs, no MDX left', () => {
  const doc = prepareDocument(
    {
      source: 'tutorials/fundamentals/part-1-overview.md',
      text: fixture('redux-docs/pages/part-1-overview.md'),
    },
    redux,
  );
  assert.equal(doc.title, 'Redux Fundamentals, Part 1: Redux Overview');
  assert.equal(doc.url, 'https://redux.js.org/tutorials/fundamentals/part-1-overview');
  const [first] = doc.chunks;
  assert.equal(first?.url, doc.url);
  assert.match(first?.text ?? '', /^Tip: What You'll Learn/);
  const whatIs = doc.chunks.find((chunk) => chunk.anchor === 'what-is-redux');
  assert.equal(whatIs?.url, 'https://redux.js.org/tutorials/fundamentals/part-1-overview#what-is-redux');
  const text = doc.chunks.map((chunk) => chunk.text).join('\n');
  assert.doesNotMatch(text, /^import |<FundamentalsWarning|<DetailedExplanation|<!--|^:::/m);
});

test('a real Redux FAQ page: every question heading gets its Docusaurus anchor', () => {
  const doc = prepareDocument(
    { source: 'faq/CodeStructure.md', text: fixture('redux-docs/pages/CodeStructure.md') },
    redux,
  );
  assert.equal(doc.url, 'https://redux.js.org/faq/code-structure');
  const anchors = doc.chunks.map((chunk) => chunk.anchor);
  assert.ok(anchors.includes('why-should-i-use-action-creators'));
  assert.ok(anchors.includes('further-information-2'), 'the third "Further information" is -2');
});

test('a real Testing Library page with Tabs keeps each tab label next to its code', () => {
  const doc = prepareDocument(
    {
      source: 'dom-testing-library/api-within.mdx',
      text: fixture('testing-library-docs/pages/api-within.mdx'),
    },
    { siteUrl: 'https://testing-library.com' },
  );
  assert.equal(doc.url, 'https://testing-library.com/docs/dom-testing-library/api-within');
  const text = doc.chunks.map((chunk) => chunk.text).join('\n\n');
  assert.match(text, /^React:\n\n```jsx\n/m);
  assert.match(text, /^Cypress:\n\n```js\n/m);
  assert.doesNotMatch(text, /Tabs|TabItem|defaultValue/);
});

test('the title falls back from input to front matter to first h1 to the file name', () => {
  const text = '---\ntitle: From Front Matter\n---\n# From H1\n';
  assert.equal(prepareDocument({ source: 'a.md', text, title: 'Given' }).title, 'Given');
  assert.equal(prepareDocument({ source: 'a.md', text }).title, 'From Front Matter');
  assert.equal(prepareDocument({ source: 'a.md', text: '# From `H1` {#x}\n' }).title, 'From H1');
  assert.equal(
    prepareDocument({ source: 'guides/02-getting_started.md', text: 'x' }).title,
    'Getting started',
  );
});

test('a given url is the page URL; without url or site URL every chunk URL is null', () => {
  const text = '## Part\ntext';
  const given = prepareDocument({ source: 'a.md', text, url: 'https://book.dev/a#old' });
  assert.equal(given.url, 'https://book.dev/a');
  assert.equal(given.chunks[0]?.url, 'https://book.dev/a#part');
  const none = prepareDocument({ source: 'a.md', text });
  assert.equal(none.url, null);
  assert.equal(none.chunks[0]?.url, null);
});

test('the document hash changes with the text, overrides, metadata and site options only', () => {
  const base = { source: 'a.md', text: 'hello' };
  const hash = prepareDocument(base).hash;
  assert.equal(prepareDocument({ ...base }).hash, hash);
  assert.equal(prepareDocument({ ...base, metadata: {} }).hash, hash);
  assert.notEqual(prepareDocument({ ...base, text: 'hello!' }).hash, hash);
  assert.notEqual(prepareDocument({ ...base, title: 'T' }).hash, hash);
  assert.notEqual(prepareDocument({ ...base, url: 'https://x.dev/a' }).hash, hash);
  assert.notEqual(prepareDocument({ ...base, metadata: { lang: 'en' } }).hash, hash);
  assert.notEqual(prepareDocument(base, { siteUrl: 'https://x.dev' }).hash, hash);
  assert.notEqual(
    prepareDocument(base, { siteUrl: 'https://x.dev', trailingSlash: true }).hash,
    prepareDocument(base, { siteUrl: 'https://x.dev' }).hash,
  );
  assert.equal(
    prepareDocument({ ...base, metadata: { a: 1, b: 2 } }).hash,
    prepareDocument({ ...base, metadata: { b: 2, a: 1 } }).hash,
  );
});

test('front-matter fields are kept as metadata, explicit metadata wins', () => {
  const doc = prepareDocument({
    source: 'a.md',
    text: '---\nid: x\ndescription: About\nsidebar_position: 2\n---\ntext',
    metadata: { description: 'Mine' },
  });
  assert.deepEqual(doc.metadata, { description: 'Mine', sidebar_position: 2, id: 'x' });
});

test('an empty document has no chunks', () => {
  assert.deepEqual(prepareDocument({ source: 'a.md', text: '---\ntitle: T\n---\n\n' }).chunks, []);
});
