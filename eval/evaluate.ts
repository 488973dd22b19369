import {
  type AnswerSummary,
  type SelectionSummary,
  summariseAnswers,
  summariseSelections,
  type TimedAnswer,
} from './answer-metrics.ts';
import { type AnswerRecord, answerRecord } from './answer-records.ts';
import { buildBaseline } from './baseline.ts';
import {
  type QuestionRanks,
  type RankedPassage,
  type RetrievalSummary,
  rankQuestion,
  summariseByType,
} from './metrics.ts';
import type { AnswerableQuestion, Question, SelectionCase, UnanswerableQuestion } from './question-set.ts';
import { startService, type WireAnswer } from './service-client.ts';

/** Passages fetched per question; recall@10 needs ten. */
const TOP_K = 10;

/** What one evaluation run measured. */
export interface EvaluationReport {
  docsDir: string;
  questions: { answerable: number; unanswerable: number; selection: number };
  /** Service configuration as /health reports it (store, embedder, generator). */
  service: Record<string, unknown>;
  ingest: {
    ours: { documents: number; chunks: number; ms: number };
    baseline: { chunks: number; ms: number };
  };
  retrieval: { ours: Record<string, RetrievalSummary>; baseline: Record<string, RetrievalSummary> };
  answers: AnswerSummary | null;
  selection: SelectionSummary | null;
  perQuestion: { ours: QuestionRanks[]; baseline: QuestionRanks[] };
  /** Every /chat answer to an answerable question and every selection answer, for reading misses. */
  perAnswer: { chat: AnswerRecord[]; selection: AnswerRecord[] };
  totalMs: number;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; latencyMs: number }> {
  const started = performance.now();
  const value = await work();
  return { value, latencyMs: performance.now() - started };
}

/** Runs every question through `search` one at a time and ranks its hits. */
export async function rankAll(
  questions: AnswerableQuestion[],
  search: (query: string) => Promise<RankedPassage[]>,
): Promise<QuestionRanks[]> {
  const ranks: QuestionRanks[] = [];
  // Sequential on purpose: latency percentiles must not include queueing behind other queries.
  for (const question of questions) {
    const { value, latencyMs } = await timed(() => search(question.question));
    ranks.push(rankQuestion(question, value, latencyMs));
  }
  return ranks;
}

async function answerAll<Q>(items: Q[], ask: (item: Q) => Promise<WireAnswer>): Promise<TimedAnswer<Q>[]> {
  const results: TimedAnswer<Q>[] = [];
  for (const question of items) {
    const { value, latencyMs } = await timed(() => ask(question));
    results.push({ question, answer: value, latencyMs });
  }
  return results;
}

/** Options of one run. */
export interface EvaluateOptions {
  /** Skip /chat and /chat/selection (retrieval only). */
  skipAnswers?: boolean;
  /** Environment for the service; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Keep OPENAI_ and QDRANT_ settings (measure a production setup) instead of the embedded default. */
  useProviders?: boolean;
}

/**
 * Ingests `docsDir` into the real service (temporary DATA_DIR) and into the LangChain BM25
 * baseline, runs every question through both, and summarises recall, MRR, latency and answers.
 */
export async function evaluate(
  docsDir: string,
  questions: Question[],
  options: EvaluateOptions = {},
): Promise<EvaluationReport> {
  const started = performance.now();
  const answerable = questions.filter(
    (q): q is AnswerableQuestion => q.type !== 'unanswerable' && q.type !== 'selection',
  );
  const unanswerable = questions.filter((q): q is UnanswerableQuestion => q.type === 'unanswerable');
  const selections = questions.filter((q): q is SelectionCase => q.type === 'selection');

  const baseline = await buildBaseline(docsDir);
  const baselineRanks = await rankAll(answerable, (query) => baseline.search(query, TOP_K));

  const service = await startService(docsDir, { env: options.env, useProviders: options.useProviders });
  try {
    const ourRanks = await rankAll(answerable, (query) => service.search(query, TOP_K));
    let answers: AnswerSummary | null = null;
    let selection: SelectionSummary | null = null;
    const perAnswer: EvaluationReport['perAnswer'] = { chat: [], selection: [] };
    if (!options.skipAnswers) {
      const chats = await answerAll(answerable, (q) => service.chat(q.question));
      answers = summariseAnswers(chats, await answerAll(unanswerable, (q) => service.chat(q.question)));
      const selected = await answerAll(selections, (q) =>
        service.selection(q.selected_text, q.question, q.source),
      );
      selection = summariseSelections(selected);
      const searchRank = new Map(ourRanks.map((ranks) => [ranks.id, ranks.passageRank]));
      perAnswer.chat = chats.map(({ question: q, answer }) =>
        answerRecord({ ...q, key: q.gold.key, answer, keySearchRank: searchRank.get(q.id) ?? null }),
      );
      perAnswer.selection = selected.map(({ question: q, answer }) =>
        answerRecord({ ...q, question: `${q.question} (selected: ${q.selected_text})`, answer }),
      );
    }
    return {
      docsDir,
      questions: {
        answerable: answerable.length,
        unanswerable: unanswerable.length,
        selection: selections.length,
      },
      service: service.health,
      ingest: {
        ours: {
          documents: service.ingest.documents,
          chunks: service.ingest.chunks,
          ms: service.ingest.took_ms,
        },
        baseline: { chunks: baseline.chunks, ms: baseline.buildMs },
      },
      retrieval: { ours: summariseByType(ourRanks), baseline: summariseByType(baselineRanks) },
      answers,
      selection,
      perQuestion: { ours: ourRanks, baseline: baselineRanks },
      perAnswer,
      totalMs: performance.now() - started,
    };
  } finally {
    await service.close();
  }
}
