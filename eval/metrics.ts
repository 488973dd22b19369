import type { AnswerableQuestion } from './question-set.ts';

/** One retrieved passage as both systems report it. */
export interface RankedPassage {
  /** Document source, relative to the corpus `docs/` folder. */
  source: string;
  text: string;
}

/** Where the first relevant passage appeared for one question (1-based; null = not in the list). */
export interface QuestionRanks {
  id: string;
  type: string;
  /** Rank of the first passage from the gold file or an also_ok file. */
  fileRank: number | null;
  /** Rank of the first passage whose text contains the gold key. */
  passageRank: number | null;
  latencyMs: number;
}

/** Recall, MRR and latency over a group of questions. */
export interface RetrievalSummary {
  questions: number;
  fileRecall: { at1: number; at5: number; at10: number };
  passageRecall: { at1: number; at5: number; at10: number };
  /** Mean reciprocal rank at file level over the top 10 (0 when absent). */
  mrr: number;
  latencyMs: { p50: number; p95: number };
}

/**
 * Text made comparable across systems: case, whitespace and inline Markdown markers (`*`, `_`
 * emphasis, backticks) are ignored, because one system may keep raw Markdown while another
 * renders or cleans it, and a key must not miss for that alone.
 */
export function comparable(text: string): string {
  return text
    .replace(/[`*]|(?<=\s|^)_+|_+(?=\s|$)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Whether `text` contains `key` once both are made comparable. */
export function containsKey(text: string, key: string): boolean {
  return comparable(text).includes(comparable(key));
}

/** Ranks of the first file-level and passage-level hits of one question. */
export function rankQuestion(
  question: AnswerableQuestion,
  hits: RankedPassage[],
  latencyMs: number,
): QuestionRanks {
  const goldFiles = new Set([question.gold.file, ...question.also_ok.map((ref) => ref.file)]);
  const fileIndex = hits.findIndex((hit) => goldFiles.has(hit.source));
  const passageIndex = hits.findIndex((hit) => containsKey(hit.text, question.gold.key));
  return {
    id: question.id,
    type: question.type,
    fileRank: fileIndex < 0 ? null : fileIndex + 1,
    passageRank: passageIndex < 0 ? null : passageIndex + 1,
    latencyMs,
  };
}

/** Value at quantile `q` (0..1) of `values`, nearest-rank method; 0 for an empty list. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? 0;
}

const rate = (ranks: (number | null)[], k: number): number =>
  ranks.length === 0 ? 0 : ranks.filter((rank) => rank !== null && rank <= k).length / ranks.length;

/** Aggregates per-question ranks into recall@1/5/10, MRR and latency percentiles. */
export function summarise(results: QuestionRanks[]): RetrievalSummary {
  const files = results.map((r) => r.fileRank);
  const passages = results.map((r) => r.passageRank);
  const reciprocal = files.map((rank) => (rank !== null && rank <= 10 ? 1 / rank : 0));
  const latencies = results.map((r) => r.latencyMs);
  return {
    questions: results.length,
    fileRecall: { at1: rate(files, 1), at5: rate(files, 5), at10: rate(files, 10) },
    passageRecall: { at1: rate(passages, 1), at5: rate(passages, 5), at10: rate(passages, 10) },
    mrr: reciprocal.length === 0 ? 0 : reciprocal.reduce((sum, value) => sum + value, 0) / reciprocal.length,
    latencyMs: { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) },
  };
}

/** Overall summary plus one per question type, in first-seen type order. */
export function summariseByType(results: QuestionRanks[]): Record<string, RetrievalSummary> {
  const summaries: Record<string, RetrievalSummary> = { all: summarise(results) };
  for (const type of new Set(results.map((r) => r.type))) {
    summaries[type] = summarise(results.filter((r) => r.type === type));
  }
  return summaries;
}
