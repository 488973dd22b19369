import type { EvaluationReport } from './evaluate.ts';

/** Minimum figures a run must reach (overall, our system); absent ones are not checked. */
export interface Thresholds {
  fileRecall5?: number | undefined;
  passageRecall5?: number | undefined;
  mrr?: number | undefined;
  /** Answers (/chat): least share of answerable questions whose answer contains the key. */
  keyInAnswer?: number | undefined;
  /** Answers: largest share of answerable questions answered with no_context. */
  maxFalseNoContext?: number | undefined;
  /** Answers: least share of unanswerable questions answered with no_context. */
  noContextOnUnanswerable?: number | undefined;
}

/** Human-readable failures, empty when every given threshold is met. */
export function checkThresholds(report: EvaluationReport, thresholds: Thresholds): string[] {
  const overall = report.retrieval.ours.all;
  if (!overall) return ['no answerable questions to check thresholds against'];
  const checks: [string, number | undefined, number][] = [
    ['file recall@5', thresholds.fileRecall5, overall.fileRecall.at5],
    ['passage recall@5', thresholds.passageRecall5, overall.passageRecall.at5],
    ['MRR', thresholds.mrr, overall.mrr],
  ];
  const answers = report.answers;
  if (answers) {
    checks.push(
      ['answer key', thresholds.keyInAnswer, answers.keyInAnswer],
      ['no_context on unanswerable', thresholds.noContextOnUnanswerable, answers.noContextOnUnanswerable],
    );
  }
  const failures = checks
    .filter(([, minimum, actual]) => minimum !== undefined && actual < minimum)
    .map(
      ([name, minimum, actual]) => `${name} ${actual.toFixed(3)} is below the minimum ${minimum?.toFixed(3)}`,
    );
  const maxFalse = thresholds.maxFalseNoContext;
  if (answers && maxFalse !== undefined && answers.falseNoContext > maxFalse) {
    failures.push(
      `false no_context ${answers.falseNoContext.toFixed(3)} is above the maximum ${maxFalse.toFixed(3)}`,
    );
  }
  return failures;
}
