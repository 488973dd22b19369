import type { ChatMessage } from './answer-events.ts';
import { writtenCodeNames } from './code-names.ts';
import { STOP_WORDS, stem, terms, words } from './tokenize.ts';

/** Questions opening like this continue the previous topic ("and how do I test it?"). */
const CONTINUATION = /^\s*(and|but|also|so|then|or|what about|how about|what if|same for|ok|okay)\b/i;

/** Words that point back to something said earlier instead of naming it. */
const ANAPHORA = new Set(
  "it its it's this these those they them one ones second third former latter above previous same".split(' '),
);

/**
 * Words that point into the last answer ("the second one", "those") rather than at the topic the
 * user asked about ("it", "this"): only these bring the answer's words into the query, which
 * otherwise pull retrieval back to the passage already quoted.
 */
const ANSWER_POINTERS = new Set(
  'these those they them one ones second third former latter above previous'.split(' '),
);

/** A question with this many content terms or fewer is too thin to search on its own. */
const SHORT_QUESTION_TERMS = 1;

/** How many distinct words each earlier user turn and the last answer may contribute. */
const USER_TURN_WORDS = 6;
const ANSWER_WORDS = 3;

/**
 * True when `question` reads as a follow-up that needs the conversation to be understood:
 * it opens with a continuation ("and…", "what about…"), refers back (it, those, the second one)
 * or names too little to search on (one content term or none).
 */
export function isFollowUp(question: string): boolean {
  if (CONTINUATION.test(question)) return true;
  if (terms(question).length <= SHORT_QUESTION_TERMS) return true;
  return words(question).some((word) => ANAPHORA.has(word));
}

/**
 * Content words of `text` in order of first appearance, one per stem, minus those in `seen`; API
 * names come first and as written (`combineReducers`, `jest.spyOn`), so search still sees them
 * as names.
 */
function contentWords(text: string, seen: Set<string>): string[] {
  const out: string[] = [];
  for (const name of writtenCodeNames(text)) {
    const parts = terms(name.replaceAll('.', ' '));
    if (parts.length === 0 || parts.every((part) => seen.has(part))) continue;
    for (const part of parts) seen.add(part);
    out.push(name);
  }
  for (const word of words(text.replace(/\[\d+\]/g, ' '))) {
    if (STOP_WORDS.has(word) || ANAPHORA.has(word) || word.length < 2) continue;
    const key = stem(word.replace(/'s$/, ''));
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(word);
  }
  return out;
}

/** The most frequent content words of an answer (its topic), citations ignored. */
function answerTopicWords(answer: string, seen: Set<string>, limit: number): string[] {
  const counts = new Map<string, { word: string; count: number }>();
  for (const word of words(answer.replace(/\[\d+\]/g, ' '))) {
    if (STOP_WORDS.has(word) || ANAPHORA.has(word) || word.length < 3) continue;
    const key = stem(word);
    if (seen.has(key)) continue;
    const entry = counts.get(key) ?? { word, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const ranked = [...counts.entries()].filter(([, entry]) => entry.count > 1);
  ranked.sort((a, b) => b[1].count - a[1].count);
  return ranked.slice(0, limit).map(([key, entry]) => {
    seen.add(key);
    return entry.word;
  });
}

/**
 * Heuristic standalone search query for a follow-up question (no model involved): the question
 * plus the content words of the previous user turns (newest first) and, when the question points
 * into the last answer ("the second one") or the user turns name nothing, that answer's topic
 * words (fewer, placed last). "and what does it return?" after "What does combineReducers do?"
 * becomes "and what does it return? combineReducers": the section it points to, not the passage
 * already quoted. A question that stands on its own is returned unchanged. Pure; the OpenAI
 * generator falls back to it when rewriting fails.
 */
export function followUpQuery(history: ChatMessage[], question: string): string {
  if (history.length === 0 || !isFollowUp(question)) return question;
  const seen = new Set(terms(question));
  const extra: string[] = [];
  const userTurns = history.filter((message) => message.role === 'user').reverse();
  for (const turn of userTurns.slice(0, 2)) {
    extra.push(...contentWords(turn.content, seen).slice(0, USER_TURN_WORDS));
  }
  const lastAnswer = history.findLast((message) => message.role === 'assistant');
  const pointsIntoAnswer = extra.length === 0 || words(question).some((word) => ANSWER_POINTERS.has(word));
  if (lastAnswer && pointsIntoAnswer) extra.push(...answerTopicWords(lastAnswer.content, seen, ANSWER_WORDS));
  return extra.length === 0 ? question : `${question.trim()} ${extra.join(' ')}`;
}
