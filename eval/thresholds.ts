import type { EvaluationReport } from './evaluate.ts';

/** Minimum figures a run must reach (overall, our system); absent ones are not checked. */
export interface Thresholds {
  fileRecall5?: number | undefined;
  passageRecall5?: number | undefined;
  mrr?: number | undefined;
  /** Share of answerable questions whose /chat answer contains the key. */
  keyInAnswer?: number | undefined;
  /** Share whose answer or cited passages contain the key. */
  keyInAnswerOrSources?: number | undefined;
  /** Largest share of answerable questions answered with `no_context` (a maximum, not a minimum). */
  maxFalseNoContext?: number | undefined;
  /** Share of unanswerable questions answered with `no_context`. */
  noContextOnUnanswerable?: number | undefined;
  /** Share of selection cases whose answer or cited passages contain the key. */
  selectionKeyCovered?: number | undefined;
}

type Check = [name: string, limit: number | undefined, actual: number | undefined, kind: 'min' | 'max'];

/** Human-readable failures, empty when every given threshold is met. */
export function checkThresholds(report: EvaluationReport, thresholds: Thresholds): string[] {
  const overall = report.retrieval.ours.all;
  if (!overall) return ['no answerable questions to check thresholds against'];
  const { answers, selection } = report;
  const checks: Check[] = [
    ['file recall@5', thresholds.fileRecall5, overall.fileRecall.at5, 'min'],
    ['passage recall@5', thresholds.passageRecall5, overall.passageRecall.at5, 'min'],
    ['MRR', thresholds.mrr, overall.mrr, 'min'],
    ['key in answer', thresholds.keyInAnswer, answers?.keyInAnswer, 'min'],
    ['key in answer or sources', thresholds.keyInAnswerOrSources, answers?.keyInAnswerOrSources, 'min'],
    ['false no_context', thresholds.maxFalseNoContext, answers?.falseNoContext, 'max'],
    [
      'no_context on unanswerable',
      thresholds.noContextOnUnanswerable,
      answers?.noContextOnUnanswerable,
      'min',
    ],
    ['selection key covered', thresholds.selectionKeyCovered, selection?.keyCovered, 'min'],
  ];
  return checks.flatMap(([name, limit, actual, kind]) => {
    if (limit === undefined) return [];
    if (actual === undefined) return [`${name}: not measured (answers were skipped)`];
    if (kind === 'min' ? actual >= limit : actual <= limit) return [];
    return [
      `${name} ${actual.toFixed(3)} is ${kind === 'min' ? 'below the minimum' : 'above the maximum'} ${limit.toFixed(3)}`,
    ];
  });
}
