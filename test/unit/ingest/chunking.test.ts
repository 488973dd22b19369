import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareDocument } from '../../../src/ingest/prepare-document.ts';
import { fencesBalanced } from './fence-check.ts';

const MAX = 2500;
const chunksOf = (text: string, maxChunkChars = MAX) =>
  prepareDocument({ source: 'doc.md', text, title: 'Doc' }, { maxChunkChars }).chunks;

/** Deterministic pseudo-random numbers, so a failing case can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function randomDocument(next: () => number): string {
  const parts: string[] = [];
  for (let i = 0; i < 30; i++) {
    const roll = next();
    if (roll < 0.15) parts.push(`${'#'.repeat(1 + Math.floor(next() * 4))} Heading ${i}`);
    else if (roll < 0.45) {
      const lines = Array.from(
        { length: Math.floor(next() * 60) },
        (_, n) => `  line(${n}) // ${'x'.repeat(next() * 70)}`,
      );
      parts.push([next() < 0.5 ? '```ts' : '~~~~', ...lines, next() < 0.5 ? '```' : '~~~~'].join('\n'));
    } else parts.push('Words and more words. '.repeat(1 + Math.floor(next() * 80)));
  }
  return parts
    .join('\n\n')
    .replace(/^~~~~\n([\s\S]*?)\n```$/gm, '~~~~\n$1\n~~~~')
    .replace(/^```ts\n([\s\S]*?)\n~~~~$/gm, '```ts\n$1\n```');
}

test('property: across random documents every chunk has balanced fences and respects the hard max', () => {
  for (let seed = 1; seed <= 200; seed++) {
    for (const chunk of chunksOf(randomDocument(random(seed)))) {
      assert.ok(fencesBalanced(chunk.text), `seed ${seed}: unbalanced fence in chunk ${chunk.index}`);
      assert.ok(
        chunk.text.length <= MAX,
        `seed ${seed}: chunk ${chunk.index} has ${chunk.text.length} chars`,
      );
    }
  }
});

test('a code block that fits the hard max is never split, even when it exceeds the target', () => {
  const code = [
    '```js',
    ...Array.from({ length: 40 }, (_, n) => `const value${n} = compute(${n}); // padding`),
    '```',
  ].join('\n');
  assert.ok(code.length > 1500 && code.length < MAX);
  const chunks = chunksOf(`## Code\n\n${'Intro sentence. '.repeat(60)}\n\n${code}\n\nAfter.`);
  assert.equal(chunks.filter((chunk) => chunk.text.includes(code)).length, 1);
});

test('a giant code block is split at lines, each piece re-opened and closed with its fence', () => {
  const lines = Array.from({ length: 300 }, (_, n) => `print("line ${n}")`);
  const chunks = chunksOf(['```python title="big.py"', ...lines, '```'].join('\n'));
  assert.ok(chunks.length > 1);
  for (const chunk of chunks) {
    assert.match(chunk.text, /^```python title="big\.py"\n[\s\S]*\n```$/);
    assert.ok(chunk.text.length <= MAX);
  }
  const body = chunks.flatMap((chunk) => chunk.text.split('\n').slice(1, -1));
  assert.deepEqual(body, lines);
});

test('long prose is split at paragraph boundaries and chunks stay within the target', () => {
  const paragraphs = Array.from({ length: 12 }, (_, n) =>
    `Paragraph ${n}. ${'Some text here. '.repeat(20)}`.trim(),
  );
  const chunks = chunksOf(`## Long\n\n${paragraphs.join('\n\n')}`);
  assert.ok(chunks.length > 1);
  for (const chunk of chunks) {
    assert.ok(chunk.text.length <= 1500);
    assert.equal(chunk.heading, 'Doc > Long');
    assert.ok(chunk.text.split('\n\n').every((part) => paragraphs.includes(part)));
  }
});

test('a single paragraph longer than the hard max is split at sentences', () => {
  const chunks = chunksOf('Short sentence number one. '.repeat(200));
  assert.ok(chunks.length > 1);
  assert.ok(chunks.every((chunk) => chunk.text.length <= MAX && /\.$/.test(chunk.text)));
});

test('sections are never merged: each chunk belongs to exactly one heading', () => {
  const chunks = chunksOf('## A\none\n## B\ntwo');
  assert.deepEqual(
    chunks.map((chunk) => [chunk.heading, chunk.text]),
    [
      ['Doc > A', 'one'],
      ['Doc > B', 'two'],
    ],
  );
});

test('heading paths follow the nesting and start with the page title', () => {
  const chunks = chunksOf('# Doc\n\nintro\n\n## A\na\n### A1\na1\n## B\nb\n#### B deep\nd');
  assert.deepEqual(
    chunks.map((chunk) => chunk.heading),
    ['Doc', 'Doc > A', 'Doc > A > A1', 'Doc > B', 'Doc > B > B deep'],
  );
});

test('an h1 that differs from the page title is a heading level of its own', () => {
  const [chunk] = chunksOf('# Something Else\n\ntext');
  assert.equal(chunk?.heading, 'Doc > Something Else');
});

test('an empty heading with subsections is findable through their paths, not as a chunk', () => {
  const chunks = chunksOf('## Parent\n### Child\ntext');
  assert.deepEqual(
    chunks.map((chunk) => chunk.heading),
    ['Doc > Parent > Child'],
  );
});

test('an empty heading without subsections becomes a tiny chunk of its own text', () => {
  const chunks = chunksOf('## Empty `one`\n## Full\ntext');
  assert.deepEqual(
    chunks.map((chunk) => [chunk.heading, chunk.anchor, chunk.text]),
    [
      ['Doc > Empty one', 'empty-one', 'Empty one'],
      ['Doc > Full', 'full', 'text'],
    ],
  );
});

test('chunk hashes change with the heading as well as the text', () => {
  const [a] = chunksOf('## A\nsame');
  const [b] = chunksOf('## B\nsame');
  assert.notEqual(a?.hash, b?.hash);
  assert.match(a?.hash ?? '', /^[0-9a-f]{64}$/);
});
