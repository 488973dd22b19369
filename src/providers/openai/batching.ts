/** Limits of one embeddings request. */
export interface BatchLimits {
  /** Most inputs per request (OpenAI allows 2048). */
  maxInputs: number;
  /** Most estimated tokens summed over one request (OpenAI allows 300k). */
  maxTokens: number;
  /** Inputs are cut to this many estimated tokens (OpenAI allows 8192 per input). */
  maxInputTokens: number;
}

/** A contiguous run of inputs sent as one request; `start` is the index of its first input. */
export interface Batch {
  start: number;
  texts: string[];
}

/** OpenAI's documented limits, with margin because token counts are estimated. */
export const OPENAI_BATCH_LIMITS: BatchLimits = { maxInputs: 2048, maxTokens: 280_000, maxInputTokens: 8000 };

// chars/4 holds for English but undercounts CJK and other non-Latin scripts, where one
// character is often a whole token; counting those as 1 keeps the estimate on the safe side.
const costOf = (codePoint: number): number => (codePoint < 0x80 ? 0.25 : 1);

/** Conservative token estimate: ASCII at 4 chars per token, other characters 1 token each. */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const char of text) tokens += costOf(char.codePointAt(0) ?? 0);
  return Math.ceil(tokens);
}

/** Cuts `text` (on a code point boundary) to at most `maxTokens` estimated tokens. */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (text.length <= maxTokens) return text;
  let tokens = 0;
  let end = 0;
  for (const char of text) {
    tokens += costOf(char.codePointAt(0) ?? 0);
    if (tokens > maxTokens) return text.slice(0, end);
    end += char.length;
  }
  return text;
}

/**
 * Prepares inputs (empty strings are rejected by the API, so they become one space; long ones
 * are truncated) and groups them, in order, into batches within both the count and token limits.
 */
export function planBatches(texts: string[], limits: BatchLimits): Batch[] {
  const batches: Batch[] = [];
  let current: Batch = { start: 0, texts: [] };
  let currentTokens = 0;
  texts.forEach((raw, index) => {
    const text = raw.trim() === '' ? ' ' : truncateToTokens(raw, limits.maxInputTokens);
    const tokens = estimateTokens(text);
    const full = current.texts.length >= limits.maxInputs || currentTokens + tokens > limits.maxTokens;
    if (current.texts.length > 0 && full) {
      batches.push(current);
      current = { start: index, texts: [] };
      currentTokens = 0;
    }
    current.texts.push(text);
    currentTokens += tokens;
  });
  if (current.texts.length > 0) batches.push(current);
  return batches;
}
