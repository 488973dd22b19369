import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOT_COVERED, saysNotCovered } from '../../../src/providers/openai/prompt.ts';

test('an answer opening with the not-covered sentence is recognised, whatever its case or spacing', () => {
  assert.ok(saysNotCovered(`${NOT_COVERED} The closest topic is stores [2].`));
  assert.ok(saysNotCovered('\n  the book does not cover this!'));
});

test('an answer that merely mentions coverage later is not taken for no_context', () => {
  assert.ok(!saysNotCovered(`Reducers are pure functions [1]. ${NOT_COVERED}`));
  assert.ok(!saysNotCovered('The book covers this in [1].'));
});
