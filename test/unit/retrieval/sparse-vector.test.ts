import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  documentSparseVector,
  querySparseVector,
  termIndex,
} from '../../../src/stores/qdrant/sparse-vector.ts';

const weightOf = (vector: { indices: number[]; values: number[] }, term: string): number | undefined =>
  vector.values[vector.indices.indexOf(termIndex(term))];

test('termIndex is the 32-bit FNV-1a hash of the term', () => {
  assert.equal(termIndex(''), 0x811c9dc5);
  assert.equal(termIndex('a'), 0xe40c292c);
});

test('query vectors weigh each distinct stemmed content term once', () => {
  const vector = querySparseVector('How do I validate the validated models?');
  assert.deepEqual([...vector.values], [1, 1]);
  assert.equal(weightOf(vector, 'valid'), 1);
  assert.equal(weightOf(vector, 'model'), 1);
});

test('indices are sorted and unique', () => {
  const vector = documentSparseVector({ title: 'Models', heading: 'Models', text: 'models models data' });
  assert.deepEqual(
    vector.indices,
    [...new Set(vector.indices)].sort((a, b) => a - b),
  );
});

test('repeated terms saturate instead of growing linearly', () => {
  const once = documentSparseVector({ title: '', heading: '', text: 'cache' });
  const many = documentSparseVector({ title: '', heading: '', text: 'cache '.repeat(10) });
  const w1 = weightOf(once, 'cach') ?? 0;
  const w10 = weightOf(many, 'cach') ?? 0;
  assert.ok(w10 > w1 && w10 < 2.2, `${w1} → ${w10}`);
});

test('a term in the title outweighs the same term in the body text', () => {
  const inTitle = documentSparseVector({ title: 'Routing', heading: '', text: 'paths and handlers' });
  const inText = documentSparseVector({ title: 'Handlers', heading: '', text: 'routing paths' });
  assert.ok((weightOf(inTitle, 'rout') ?? 0) > (weightOf(inText, 'rout') ?? 0));
});

test('text without content terms gives an empty vector', () => {
  assert.deepEqual(querySparseVector('the and ?!'), { indices: [], values: [] });
});
