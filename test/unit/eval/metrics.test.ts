import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparable, containsKey, percentile, rankQuestion, summarise } from '../../../eval/metrics.ts';
import type { AnswerableQuestion } from '../../../eval/question-set.ts';

const question: AnswerableQuestion = {
  id: 'q1',
  type: 'howto',
  question: 'How do I embed a body?',
  gold: { file: 'tutorial/body.md', heading: 'Embed', key: 'use `Body(embed=True)`' },
  also_ok: [{ file: 'tutorial/other.md', heading: 'Other' }],
  answer: '',
};

test('containsKey ignores case, whitespace runs and inline Markdown markers', () => {
  assert.equal(containsKey('You can\n  USE Body(embed=True) here', 'use `Body(embed=True)`'), true);
  assert.equal(comparable('**Bold** `code`'), 'bold code');
});

test('containsKey does not match a different text', () => {
  assert.equal(containsKey('use Body(embed=False)', 'use `Body(embed=True)`'), false);
});

test('rankQuestion counts an also_ok file as a file-level hit', () => {
  const ranks = rankQuestion(
    question,
    [
      { source: 'x.md', text: '' },
      { source: 'tutorial/other.md', text: '' },
    ],
    3,
  );
  assert.equal(ranks.fileRank, 2);
  assert.equal(ranks.passageRank, null);
});

test('rankQuestion finds the passage holding the key', () => {
  const hits = [
    { source: 'tutorial/body.md', text: 'nothing here' },
    { source: 'tutorial/body.md', text: 'you can use Body(embed=True)' },
  ];
  assert.deepEqual(
    [rankQuestion(question, hits, 1).fileRank, rankQuestion(question, hits, 1).passageRank],
    [1, 2],
  );
});

test('summarise computes recall at 1/5/10 and MRR from ranks', () => {
  const summary = summarise([
    { id: 'a', type: 'howto', fileRank: 1, passageRank: 6, latencyMs: 1 },
    { id: 'b', type: 'howto', fileRank: 4, passageRank: null, latencyMs: 3 },
  ]);
  assert.deepEqual(summary.fileRecall, { at1: 0.5, at5: 1, at10: 1 });
  assert.deepEqual(summary.passageRecall, { at1: 0, at5: 0, at10: 0.5 });
  assert.equal(summary.mrr, (1 + 0.25) / 2);
});

test('percentile uses the nearest rank', () => {
  assert.equal(percentile([5, 1, 3, 2, 4], 0.5), 3);
  assert.equal(percentile([1, 2, 3, 4, 100], 0.95), 100);
  assert.equal(percentile([], 0.5), 0);
});
