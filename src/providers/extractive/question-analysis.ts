import type { ChatMessage } from '../../domain/answer-events.ts';
import { followUpQuery } from '../../domain/follow-up-query.ts';
import { STOP_WORDS, stem, terms, words } from '../../domain/tokenize.ts';

/**
 * Words that count things ("several reducers", "in one file"): they match any passage that
 * counts something ("several hundred thousand installs") and say nothing about the topic.
 */
const COUNT_WORDS = 'one two three four several many various multiple few lot lots';

/** Weight of terms borrowed from earlier turns, relative to the question's own terms. */
const HISTORY_WEIGHT = 0.4;

/**
 * Stemmed query terms with weights: the question's own terms at 1, and for a follow-up the
 * earlier topic's terms (see followUpQuery) at a lower weight.
 */
export function queryWeights(question: string, history: ChatMessage[]): Map<string, number> {
  const weights = new Map<string, number>();
  const counts = new Set(terms(COUNT_WORDS));
  for (const term of terms(question)) if (!counts.has(term)) weights.set(term, 1);
  for (const term of terms(followUpQuery(history, question))) {
    if (!weights.has(term)) weights.set(term, HISTORY_WEIGHT);
  }
  return weights;
}

/** "How do I…", "example", "code", "write", "implement", "syntax", "step by step". */
export function wantsCode(question: string): boolean {
  return /\b(how|example|examples|code|snippet|write|implement|syntax|step by step|usage)\b/i.test(question);
}

/** Questions about the selection itself ("what does this mean?", "explain this"). */
export function asksToExplain(question: string): boolean {
  return (
    /\b(explain|mean|means|meaning|summari[sz]e|step by step|in practice|in other words|what does (this|it|that))\b/i.test(
      question,
    ) || terms(question).length <= 1
  );
}

/** What the retrieved passages say, for checking the names a question uses. */
export interface PassageVocabulary {
  /** Stemmed terms of the passages' titles, headings and texts. */
  terms: ReadonlySet<string>;
  /** Their words, lower-cased, one space apart (for multi-word names). */
  text: string;
}

/** Lower-cased words one space apart: the form multi-word names are compared in. */
export const wordText = (text: string): string => ` ${words(text).join(' ')} `;

/**
 * Names the question uses (product or library names: internal capitals such as "WebAssembly",
 * or capitalised words not opening a sentence such as "Svelte") that appear nowhere in the
 * passages, and runs of such words in a sentence ("How do I deploy to Azure Functions?") that the
 * passages never write together.
 * A question about something the passages never name is not answered by them.
 */
export function unknownNames(question: string, passages: PassageVocabulary): string[] {
  const missing: string[] = [];
  // A run of names is one name only inside a sentence; "Uvicorn Hypercorn Daphne" lists three.
  const sentence = words(question).filter((word) => STOP_WORDS.has(word)).length >= 2;
  let run: { words: string[]; end: number } = { words: [], end: -1 };
  const flushRun = () => {
    const phrase = run.words.join(' ');
    if (sentence && run.words.length >= 2 && !passages.text.includes(wordText(phrase))) missing.push(phrase);
    run = { words: [], end: -1 };
  };
  for (const match of question.matchAll(/[A-Za-z][A-Za-z0-9_]*/g)) {
    const word = match[0];
    const before = question.slice(0, match.index).trimEnd();
    const opensSentence = before === '' || /[.!?:]$/.test(before);
    const internalCapital = /[A-Z]/.test(word.slice(1)) && /[a-z]/.test(word);
    const capitalised = /^[A-Z]/.test(word) && !opensSentence;
    const lower = word.toLowerCase();
    if ((!internalCapital && !capitalised) || STOP_WORDS.has(lower) || lower.length < 2) {
      flushRun();
      continue;
    }
    // Only a single space may separate the words of one name ("Azure Functions", not "React's Context").
    if (run.end >= 0 && question.slice(run.end, match.index) !== ' ') flushRun();
    run.words.push(word);
    run.end = match.index + word.length;
    if (!passages.terms.has(stem(lower))) missing.push(word);
  }
  flushRun();
  return missing;
}
