import type { ChatMessage } from '../domain/answer-events.ts';
import type { GenerationRequest } from '../domain/generator.ts';

/** What an answer prompt is built from: a generation request without its signal. */
export type PromptInput = Omit<GenerationRequest, 'signal'>;

/** How the model adapter's real prompt builders are measured, in estimated tokens. */
export interface PromptTokens {
  /** Estimated tokens of the answer prompt built from `input`. */
  answer(input: PromptInput): number;
  /** Estimated tokens of the prompt that rewrites a follow-up into a standalone query. */
  query(history: ChatMessage[], question: string): number;
}

/** The prompt budget and how prompts are measured against it. */
export interface PromptSize extends PromptTokens {
  /** Largest prompt that may be sent, in estimated tokens (MAX_PROMPT_TOKENS). */
  maxTokens: number;
}

/** Characters removed per estimated token over budget (the estimate counts 4 per token). */
const CHARS_PER_TOKEN = 4;
/** Rounds of clipping one text before giving it up entirely; each normally lands in one. */
const CLIP_ROUNDS = 4;

/** The first `length` UTF-16 units of `text`, never ending inside a surrogate pair. */
function clip(text: string, length: number): string {
  if (length <= 0) return '';
  const last = text.charCodeAt(length - 1);
  const highSurrogate = last >= 0xd800 && last <= 0xdbff;
  return text.slice(0, highSurrogate ? length - 1 : length);
}

/**
 * Shortens `text` until `excess()` is no longer positive (or the text is gone); `apply` puts
 * each shorter version in place so that `excess` measures it.
 */
function shrink(text: string, excess: () => number, apply: (text: string) => void): void {
  let current = text;
  for (let round = 0; round < CLIP_ROUNDS && current.length > 0; round += 1) {
    const over = excess();
    if (over <= 0) return;
    current = clip(current, current.length - over * CHARS_PER_TOKEN - CHARS_PER_TOKEN);
    apply(current);
  }
  if (current.length > 0 && excess() > 0) apply('');
}

/**
 * The largest part of an answer request whose prompt fits the budget. What goes first: the oldest
 * history, the selection's surrounding context, the lowest-ranked sources (source [1] stays),
 * then the tail of source [1] (for a selection, its context note comes last in it) and, only
 * when a tiny budget leaves no other way, the end of the question.
 */
export function fitAnswerInput<T extends PromptInput>(input: T, size: PromptSize): T {
  let fitted = input;
  const excess = () => size.answer(fitted) - size.maxTokens;
  while (excess() > 0 && fitted.history.length > 0) fitted = { ...fitted, history: fitted.history.slice(1) };
  const selection = fitted.selection;
  if (selection?.context) {
    shrink(selection.context, excess, (context) => {
      fitted = { ...fitted, selection: { ...selection, context: context === '' ? undefined : context } };
    });
  }
  while (excess() > 0 && fitted.sources.length > 1)
    fitted = { ...fitted, sources: fitted.sources.slice(0, -1) };
  const [first] = fitted.sources;
  if (first) {
    shrink(first.text, excess, (text) => {
      fitted = { ...fitted, sources: [{ ...first, text }] };
    });
  }
  shrink(fitted.question, excess, (question) => {
    fitted = { ...fitted, question };
  });
  return fitted;
}

/** The newest part of `history` whose query-rewrite prompt fits the budget. */
export function fitQueryHistory(history: ChatMessage[], question: string, size: PromptSize): ChatMessage[] {
  let kept = history;
  while (kept.length > 0 && size.query(kept, question) > size.maxTokens) kept = kept.slice(1);
  return kept;
}
