import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AnswerSummary, SelectionSummary } from '../../../eval/answer-metrics.ts';
import type { EvaluationReport } from '../../../eval/evaluate.ts';
import { checkThresholds } from '../../../eval/thresholds.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const latencyMs = { p50: 1, p95: 2 };

function report(answers: AnswerSummary | null, selection: SelectionSummary | null): EvaluationReport {
  const all = {
    questions: 10,
    fileRecall: { at1: 0.7, at5: 0.9, at10: 1 },
    passageRecall: { at1: 0.5, at5: 0.8, at10: 0.9 },
    mrr: 0.8,
    latencyMs,
  };
  return { retrieval: { ours: { all }, baseline: {} }, answers, selection } as unknown as EvaluationReport;
}

const answers: AnswerSummary = {
  answerable: 10,
  keyInAnswer: 0.6,
  keyInAnswerOrSources: 0.8,
  falseNoContext: 0.1,
  unanswerable: 5,
  noContextOnUnanswerable: 0.8,
  latencyMs,
};
const selection: SelectionSummary = {
  cases: 3,
  pageCited: 1,
  keyCovered: 2 / 3,
  keyInAnswer: 2 / 3,
  withContextKey: 0,
  contextKeyInAnswer: 0,
  latencyMs,
};

describe('eval thresholds', () => {
  it('passes a run that meets every minimum and maximum', () => {
    const limits = {
      fileRecall5: 0.9,
      keyInAnswer: 0.6,
      maxFalseNoContext: 0.1,
      noContextOnUnanswerable: 0.8,
      selectionKeyCovered: 0.66,
    };
    assert.deepEqual(checkThresholds(report(answers, selection), limits), []);
  });

  it('fails answer metrics below their minimum and false no_context above its maximum', () => {
    const failures = checkThresholds(report(answers, selection), {
      keyInAnswer: 0.7,
      maxFalseNoContext: 0.05,
      selectionKeyCovered: 0.9,
    });
    assert.deepEqual(failures, [
      'key in answer 0.600 is below the minimum 0.700',
      'false no_context 0.100 is above the maximum 0.050',
      'selection key covered 0.667 is below the minimum 0.900',
    ]);
  });

  it('fails answer minimums when answers were not measured', () => {
    assert.deepEqual(checkThresholds(report(null, null), { keyInAnswer: 0.5 }), [
      'key in answer: not measured (answers were skipped)',
    ]);
  });
});

describe('the sample book question set', () => {
  it('is valid against the in-repo sample book (headings, verbatim keys, absent topics)', () => {
    const output = execFileSync(
      process.execPath,
      ['eval/validate-questions.ts', 'examples/docusaurus/docs', 'eval/questions/sample-book.jsonl'],
      { cwd: repo, encoding: 'utf8' },
    );
    assert.match(output, /35 questions \(.*\), 12 distinct files, 0 invalid/);
  });
});
