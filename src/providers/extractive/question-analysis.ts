import type { ChatMessage } from '../../domain/answer-events.ts';
import { followUpQuery } from '../../domain/follow-up-query.ts';
import { STOP_WORDS, stem, terms } from '../../domain/tokenize.ts';

/** Weight of terms borrowed from earlier turns, relative to the question's own terms. */
const HISTORY_WEIGHT = 0.4;

/**
 * Stemmed query terms with weights: the question's own terms at 1, and for a follow-up the
 * earlier topic's terms (see followUpQuery) at a lower weight.
 */
export function queryWeights(question: string, history: ChatMessage[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of terms(question)) weights.set(term, 1);
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

/**
 * Names the question uses (product or library names: internal capitals such as "WebAssembly",
 * or capitalised words not opening a sentence such as "Svelte") that appear nowhere in the
 * passages. A question about something the passages never name is not answered by them.
 */
export function unknownNames(question: string, passageTerms: ReadonlySet<string>): string[] {
  const missing: string[] = [];
  for (const match of question.matchAll(/[A-Za-z][A-Za-z0-9_]*/g)) {
    const word = match[0];
    const before = question.slice(0, match.index).trimEnd();
    const opensSentence = before === '' || /[.!?:]$/.test(before);
    const internalCapital = /[A-Z]/.test(word.slice(1)) && /[a-z]/.test(word);
    const capitalised = /^[A-Z]/.test(word) && !opensSentence;
    if (!internalCapital && !capitalised) continue;
    const lower = word.toLowerCase();
    if (STOP_WORDS.has(lower) || lower.length < 2) continue;
    if (!passageTerms.has(stem(lower))) missing.push(word);
  }
  return missing;
}
