import { containsKey, percentile } from './metrics.ts';
import type { AnswerableQuestion, SelectionCase, UnanswerableQuestion } from './question-set.ts';
import type { WireAnswer } from './service-client.ts';

/** Answer quality over the answerable and unanswerable questions. */
export interface AnswerSummary {
  answerable: number;
  /** Share of answerable questions whose answer text contains the gold key. */
  keyInAnswer: number;
  /** Share of answerable questions whose answer or cited passages contain the gold key. */
  keyInAnswerOrSources: number;
  /** Share of answerable questions wrongly answered with no_context. */
  falseNoContext: number;
  unanswerable: number;
  /** Share of unanswerable questions answered with no_context. */
  noContextOnUnanswerable: number;
  latencyMs: { p50: number; p95: number };
}

/** Selection answers: the selected page is cited and the key is covered. */
export interface SelectionSummary {
  cases: number;
  /** Share whose cited sources include the page the selection came from. */
  pageCited: number;
  /** Share whose answer or cited passage texts contain the key. */
  keyCovered: number;
  /** Share whose answer itself contains the key. */
  keyInAnswer: number;
  /** Cases naming a `context_key` (page prose an explanation should quote) and the share whose answer has it. */
  withContextKey: number;
  contextKeyInAnswer: number;
  latencyMs: { p50: number; p95: number };
}

/** One timed answer. */
export interface TimedAnswer<Q> {
  question: Q;
  answer: WireAnswer;
  latencyMs: number;
}

const share = (flags: boolean[]): number =>
  flags.length === 0 ? 0 : flags.filter(Boolean).length / flags.length;
const latencies = (items: { latencyMs: number }[]) => {
  const values = items.map((item) => item.latencyMs);
  return { p50: percentile(values, 0.5), p95: percentile(values, 0.95) };
};
const sourcesText = (answer: WireAnswer): string => answer.sources.map((source) => source.text).join('\n');

/** Summarises /chat answers to answerable and unanswerable questions. */
export function summariseAnswers(
  answerable: TimedAnswer<AnswerableQuestion>[],
  unanswerable: TimedAnswer<UnanswerableQuestion>[],
): AnswerSummary {
  return {
    answerable: answerable.length,
    keyInAnswer: share(
      answerable.map(({ question, answer }) => containsKey(answer.answer, question.gold.key)),
    ),
    keyInAnswerOrSources: share(
      answerable.map(
        ({ question, answer }) =>
          containsKey(answer.answer, question.gold.key) ||
          containsKey(sourcesText(answer), question.gold.key),
      ),
    ),
    falseNoContext: share(answerable.map(({ answer }) => answer.finish_reason === 'no_context')),
    unanswerable: unanswerable.length,
    noContextOnUnanswerable: share(unanswerable.map(({ answer }) => answer.finish_reason === 'no_context')),
    latencyMs: latencies([...answerable, ...unanswerable]),
  };
}

/** Summarises /chat/selection answers. */
export function summariseSelections(results: TimedAnswer<SelectionCase>[]): SelectionSummary {
  const explained = results.filter(({ question }) => question.context_key !== undefined);
  return {
    cases: results.length,
    pageCited: share(
      results.map(({ question, answer }) => answer.sources.some((s) => s.source === question.source)),
    ),
    keyCovered: share(
      results.map(
        ({ question, answer }) =>
          containsKey(answer.answer, question.key) || containsKey(sourcesText(answer), question.key),
      ),
    ),
    keyInAnswer: share(results.map(({ question, answer }) => containsKey(answer.answer, question.key))),
    withContextKey: explained.length,
    contextKeyInAnswer: share(
      explained.map(({ question, answer }) => containsKey(answer.answer, question.context_key ?? '')),
    ),
    latencyMs: latencies(results),
  };
}
