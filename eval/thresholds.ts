import type { EvaluationReport } from './evaluate.ts';

/** Minimum figures a run must reach (overall, our system); absent ones are not checked. */
export interface Thresholds {
  fileRecall5?: number | undefined;
  passageRecall5?: number | undefined;
  mrr?: number | undefined;
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
  return checks
    .filter(([, minimum, actual]) => minimum !== undefined && actual < minimum)
    .map(
      ([name, minimum, actual]) => `${name} ${actual.toFixed(3)} is below the minimum ${minimum?.toFixed(3)}`,
    );
}
