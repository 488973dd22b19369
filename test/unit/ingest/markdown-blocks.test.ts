import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareDocument } from '../../../src/ingest/prepare-document.ts';

const prepare = (text: string) => prepareDocument({ source: 'doc.mdx', text, title: 'Doc' });
const allText = (text: string) =>
  prepare(text)
    .chunks.map((chunk) => chunk.text)
    .join('\n\n');
const headings = (text: string) => prepare(text).chunks.map((chunk) => chunk.heading);

test('a heading inside a code fence is code, not a heading', () => {
  const doc = prepare('## Real\n\n```bash\n# not a heading\necho hi\n```\n');
  assert.deepEqual(
    doc.chunks.map((chunk) => chunk.heading),
    ['Doc > Real'],
  );
  assert.equal(doc.chunks[0]?.text, '```bash\n# not a heading\necho hi\n```');
});

test('tilde fences and longer fences nest shorter ones', () => {
  const text = '## A\n\n````md\n```js\nx\n```\n## inside\n````\n\n~~~\n## also inside\n~~~\n';
  assert.deepEqual(headings(text), ['Doc > A']);
  assert.match(allText(text), /````md\n```js\nx\n```\n## inside\n````/);
});

test('info strings with titles are kept on the fence', () => {
  assert.equal(
    allText('```js title="src/app.js"\nconst a = 1\n```'),
    '```js title="src/app.js"\nconst a = 1\n```',
  );
});

test('a fence indented inside a list item is recognised and dedented', () => {
  const text = '1. Install:\n\n    ```sh\n    # comment\n    npm i\n    ```\n\n## Next\ntext';
  assert.deepEqual(headings(text), ['Doc', 'Doc > Next']);
  assert.match(allText(text), /^```sh\n# comment\nnpm i\n```$/m);
});

test('a fence left open at the end of the text is closed', () => {
  assert.equal(allText('```py\nprint(1)\n'), '```py\nprint(1)\n```');
});

test('Docusaurus highlight magic comments are removed from code', () => {
  assert.equal(allText('```js\n// highlight-next-line\nconst a = 1\n```'), '```js\nconst a = 1\n```');
});

test('admonition markers become readable text and their content is kept', () => {
  const text =
    ':::tip What You Will Learn\n\n- one\n\n::::info\nnested\n::::\n\n:::\n\n:::note[Heads up]\nx\n:::';
  assert.equal(allText(text), 'Tip: What You Will Learn\n\n- one\n\nInfo:\nnested\n\nNote: Heads up\nx');
});

test('Python-Markdown blocks (FastAPI) become readable text too', () => {
  assert.equal(allText('/// tip | Good to know\n\nUse it.\n\n///'), 'Tip: Good to know\n\nUse it.');
});

test('top-level MDX imports and exports are dropped, but not inside code', () => {
  const text =
    "import Tabs from '@theme/Tabs'\nimport {\n  a,\n  b,\n} from 'x'\nexport const meta = {\n  a: 1,\n}\n\nText.\n\n```js\nimport x from 'y'\n```";
  assert.equal(allText(text), "Text.\n\n```js\nimport x from 'y'\n```");
});

test('prose that starts with the word import is kept', () => {
  assert.equal(allText('import the store in every file'), 'import the store in every file');
});

test('JSX wrappers are dropped, their children kept, and titles/labels kept as text', () => {
  const text =
    '<DetailedExplanation title="Detailed Explanation: Why">\n\nBecause.\n\n</DetailedExplanation>\n\n<FundamentalsWarning />\n\n<div class="x">Inner <b>bold</b> text</div>';
  assert.equal(allText(text), 'Detailed Explanation: Why\n\nBecause.\n\nInner bold text');
});

test('TabItem labels come from the label attribute or from the Tabs values list', () => {
  const text =
    '<Tabs\n  defaultValue="npm"\n  values={[\n    { label: \'npm\', value: \'npm\' },\n  ]}>\n  <TabItem value="npm">\n\n```sh\nnpm i\n```\n\n  </TabItem>\n  <TabItem value="yarn" label="Yarn">\n\n```sh\nyarn add\n```\n\n  </TabItem>\n</Tabs>';
  assert.equal(allText(text), 'npm:\n\n```sh\nnpm i\n```\n\nYarn:\n\n```sh\nyarn add\n```');
});

const markdownText = (text: string) =>
  prepareDocument({ source: 'doc.md', text, title: 'Doc' })
    .chunks.map((chunk) => chunk.text)
    .join('\n\n');

test('HTML comments are dropped, including multi-line ones', () => {
  assert.equal(markdownText('a <!-- hidden --> b\n\n<!--\nhidden\n-->\nc'), 'a  b\n\nc');
});

test('MDX comments are dropped, including multi-line ones', () => {
  assert.equal(allText('a {/* hidden */} b\n\n{/* gone\n too */}\nc'), 'a  b\n\nc');
});

// Inputs the hand-written line scanner read wrongly (issue 8): each is parsed by remark now.
test('a heading inside an HTML comment is no heading', () => {
  const text = '## Real\n\ntext\n\n<!--\n## Hidden\n-->\n\nmore';
  assert.deepEqual(
    prepareDocument({ source: 'doc.md', text, title: 'Doc' }).chunks.map((chunk) => [
      chunk.heading,
      chunk.text,
    ]),
    [['Doc > Real', 'text\n\nmore']],
  );
});

test('a code fence inside an HTML comment opens no code block', () => {
  const text = 'before\n\n<!--\n```js\nold()\n-->\n\n## After\n\nafter';
  assert.deepEqual(
    prepareDocument({ source: 'doc.md', text, title: 'Doc' }).chunks.map((chunk) => [
      chunk.heading,
      chunk.text,
    ]),
    [
      ['Doc', 'before'],
      ['Doc > After', 'after'],
    ],
  );
});

test('## inside a multi-line MDX comment is no heading', () => {
  const text = '## Real\n\n{/*\n## Not a heading\n*/}\n\ntext';
  assert.deepEqual(headings(text), ['Doc > Real']);
  assert.equal(allText(text), 'text');
});

test('a # line inside a <CodeBlock> template literal is code, not a heading', () => {
  const text = '## Shell\n\n<CodeBlock language="bash">{`\n# install\nnpm i redux\n`}</CodeBlock>\n\nDone.';
  assert.deepEqual(headings(text), ['Doc > Shell']);
  assert.equal(allText(text), '```bash\n# install\nnpm i redux\n```\n\nDone.');
});

test('a multi-line export const array is dropped as ESM, the prose after it kept', () => {
  const text = "export const items = [\n  'a',\n\n  'b',\n]\n\n# Doc\n\nText.";
  assert.equal(allText(text), 'Text.');
});

test('markup inside inline code is kept', () => {
  assert.equal(allText('Use `<Provider store={store}>` here.'), 'Use `<Provider store={store}>` here.');
});

test('autolinks and comparisons are not mistaken for tags', () => {
  assert.equal(allText('See <https://redux.js.org> when a < b.'), 'See <https://redux.js.org> when a < b.');
});

test('setext headings are headings', () => {
  assert.deepEqual(headings('Intro\n=====\n\ntext\n\nPart\n----\n\nmore'), [
    'Doc > Intro',
    'Doc > Intro > Part',
  ]);
});
