import { containsKey } from './metrics.ts';
import type { WireAnswer } from './service-client.ts';

/** One answer as the JSON report keeps it, so a miss can be read without re-running. */
export interface AnswerRecord {
  id: string;
  type: string;
  question: string;
  key: string;
  finishReason: WireAnswer['finish_reason'];
  /** The answer text contains the key. */
  keyInAnswer: boolean;
  /** Citation numbers of the sources whose snippet (as sent to clients) contains the key. */
  keyInSources: number[];
  /** Rank of the first /search passage (full text, top 10) holding the key; null: none; undefined: not searched. */
  keySearchRank?: number | null | undefined;
  answer: string;
  /** Every cited source: number, page and heading path. */
  sources: { n: number; source: string; heading: string }[];
}

/** What one record is built from (answerable question or selection case). */
export interface RecordInput {
  id: string;
  type: string;
  question: string;
  key: string;
  answer: WireAnswer;
  /** Where /search ranked the key's passage for the same question, when it was searched. */
  keySearchRank?: number | null | undefined;
}

/** The per-question record of one answer. */
export function answerRecord({ id, type, question, key, answer, keySearchRank }: RecordInput): AnswerRecord {
  return {
    id,
    type,
    question,
    key,
    finishReason: answer.finish_reason,
    keyInAnswer: containsKey(answer.answer, key),
    keyInSources: answer.sources.filter((source) => containsKey(source.text, key)).map((source) => source.n),
    keySearchRank,
    answer: answer.answer,
    sources: answer.sources.map(({ n, source, heading }) => ({ n, source, heading })),
  };
}

const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/**
 * The records whose answer misses the key, one block each: question, key, where the key was
 * among the sources, the sources' headings and the answer (shortened).
 */
export function formatMisses(records: AnswerRecord[], answerChars = 400): string {
  const misses = records.filter((record) => !record.keyInAnswer);
  const blocks = misses.map((record) => {
    const where = [
      record.keySearchRank === undefined
        ? ''
        : record.keySearchRank === null
          ? 'key not in search top 10'
          : `key at search rank ${record.keySearchRank}`,
      record.keyInSources.length > 0
        ? `key in snippet ${record.keyInSources.map((n) => `[${n}]`).join('')}`
        : '',
    ]
      .filter(Boolean)
      .join(', ');
    return [
      `MISS ${record.id} (${[record.type, record.finishReason, where].filter(Boolean).join(', ')}): ${record.question}`,
      `  key: ${oneLine(record.key, 160)}`,
      ...record.sources.map((source) => `  [${source.n}] ${source.source} › ${source.heading}`),
      `  answer: ${oneLine(record.answer, answerChars)}`,
    ].join('\n');
  });
  return [`${misses.length} of ${records.length} answers miss the key`, ...blocks].join('\n');
}
