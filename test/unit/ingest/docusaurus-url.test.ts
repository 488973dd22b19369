import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { docusaurusPageUrl, stripNumberPrefix } from '../../../src/ingest/docusaurus-url.ts';
import { splitFrontMatter } from '../../../src/ingest/front-matter.ts';

const CASES = path.join(import.meta.dirname, '../../fixtures/redux-docs/url-cases');

// Rows of the URL table in shared/corpora/redux-docs/SOURCE.md (redux.js.org, routeBasePath '/').
const REDUX_TABLE: [string, string][] = [
  ['FAQ.md', 'https://redux.js.org/faq'],
  ['api/Store.md', 'https://redux.js.org/api/store'],
  ['api/applyMiddleware.md', 'https://redux.js.org/api/applymiddleware'],
  ['faq/CodeStructure.md', 'https://redux.js.org/faq/code-structure'],
  ['introduction/README.md', 'https://redux.js.org/introduction/'],
  ['style-guide/style-guide.md', 'https://redux.js.org/style-guide/'],
  ['tutorials/tutorials-index.md', 'https://redux.js.org/tutorials/index'],
  ['tutorials/typescript.md', 'https://redux.js.org/tutorials/typescript-quick-start'],
  [
    'tutorials/fundamentals/part-5-ui-and-react.md',
    'https://redux.js.org/tutorials/fundamentals/part-5-ui-react',
  ],
  ['usage/index.md', 'https://redux.js.org/usage/'],
  ['usage/WritingTests.mdx', 'https://redux.js.org/usage/writing-tests'],
  ['usage/IsolatingSubapps.md', 'https://redux.js.org/usage/isolating-redux-sub-apps'],
  [
    'usage/structuring-reducers/RefactoringReducersExample.md',
    'https://redux.js.org/usage/structuring-reducers/refactoring-reducer-example',
  ],
  [
    'understanding/thinking-in-redux/ThreePrinciples.md',
    'https://redux.js.org/understanding/thinking-in-redux/three-principles',
  ],
];

test('page URLs match the Redux site for the documented table rows', () => {
  for (const [source, expected] of REDUX_TABLE) {
    const { frontMatter } = splitFrontMatter(readFileSync(path.join(CASES, source), 'utf8'));
    assert.equal(
      docusaurusPageUrl(source, frontMatter, { siteUrl: 'https://redux.js.org', routeBase: '' }),
      expected,
      source,
    );
  }
});

const site = { siteUrl: 'https://example.com' };

test('the default route base is docs and the file name is the slug', () => {
  assert.equal(docusaurusPageUrl('guides/setup.md', {}, site), 'https://example.com/docs/guides/setup');
});

test('number prefixes are stripped from directories and file names', () => {
  assert.equal(docusaurusPageUrl('01-intro.md', {}, site), 'https://example.com/docs/intro');
  assert.equal(
    docusaurusPageUrl('2. guides/03_setup.mdx', {}, site),
    'https://example.com/docs/guides/setup',
  );
});

test('date- and version-like prefixes are not number prefixes', () => {
  assert.equal(stripNumberPrefix('2021-01-05-post'), '2021-01-05-post');
  assert.equal(stripNumberPrefix('1.2-notes'), '1.2-notes');
  assert.equal(stripNumberPrefix('3 - setup'), 'setup');
});

test('index, README and folder-named files take the folder URL with a trailing slash', () => {
  assert.equal(docusaurusPageUrl('guides/index.md', {}, site), 'https://example.com/docs/guides/');
  assert.equal(docusaurusPageUrl('guides/ReadMe.mdx', {}, site), 'https://example.com/docs/guides/');
  assert.equal(docusaurusPageUrl('01-guides/01-guides.md', {}, site), 'https://example.com/docs/guides/');
  assert.equal(docusaurusPageUrl('index.md', {}, site), 'https://example.com/docs/');
});

test('a front-matter id replaces the file name but not a category index URL', () => {
  assert.equal(
    docusaurusPageUrl('guides/Setup.md', { id: 'set-up' }, site),
    'https://example.com/docs/guides/set-up',
  );
  assert.equal(
    docusaurusPageUrl('guides/index.md', { id: 'home' }, site),
    'https://example.com/docs/guides/',
  );
});

test('an absolute slug replaces the path; a relative one resolves against the directory', () => {
  assert.equal(docusaurusPageUrl('a/b/c.md', { slug: '/start' }, site), 'https://example.com/docs/start');
  assert.equal(docusaurusPageUrl('a/b/c.md', { slug: 'other' }, site), 'https://example.com/docs/a/b/other');
  assert.equal(docusaurusPageUrl('a/b/c.md', { slug: '../up' }, site), 'https://example.com/docs/a/up');
  assert.equal(docusaurusPageUrl('a/index.md', { slug: 'home' }, site), 'https://example.com/docs/a/home');
});

test('a GitHub Pages project site keeps its base path; a root route base adds nothing', () => {
  const book = { siteUrl: 'https://org.github.io/book/' };
  assert.equal(docusaurusPageUrl('intro.md', {}, book), 'https://org.github.io/book/docs/intro');
  assert.equal(
    docusaurusPageUrl('intro.md', {}, { ...book, routeBase: '/' }),
    'https://org.github.io/book/intro',
  );
  assert.equal(
    docusaurusPageUrl('intro.md', {}, { ...book, routeBase: '/manual/' }),
    'https://org.github.io/book/manual/intro',
  );
});

test('characters that are not URL-safe are percent-encoded once', () => {
  assert.equal(
    docusaurusPageUrl('doc with space.md', {}, site),
    'https://example.com/docs/doc%20with%20space',
  );
});

test('trailingSlash true adds a final slash to every page, false removes it from category pages', () => {
  const withSlash = { ...site, trailingSlash: true };
  assert.equal(docusaurusPageUrl('api/Store.md', {}, withSlash), 'https://example.com/docs/api/Store/');
  assert.equal(docusaurusPageUrl('usage/index.md', {}, withSlash), 'https://example.com/docs/usage/');
  const without = { ...site, trailingSlash: false };
  assert.equal(docusaurusPageUrl('usage/index.md', {}, without), 'https://example.com/docs/usage');
  assert.equal(docusaurusPageUrl('api/Store.md', {}, without), 'https://example.com/docs/api/Store');
});
