import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ChatMessage, FinishReason, Usage } from '../../domain/answer-events.ts';
import { followUpQuery } from '../../domain/follow-up-query.ts';
import type { GenerationPart, GenerationRequest, Generator } from '../../domain/generator.ts';
import { AppError } from '../../errors.ts';
import { abortError } from '../../retry.ts';
import { callOpenAI, type OpenAIConnection, pingOpenAI } from './client.ts';
import { toAppError } from './errors.ts';
import { buildAnswerMessages, buildStandaloneQueryMessages, saysNotCovered } from './prompt.ts';

/**
 * Everything an OpenAIGenerator needs; deps.ts fills it from the configuration. Its
 * `timeoutMs` is the time allowed for the response headers and then between two stream chunks;
 * its `retry` applies to starting a stream (never retried once text has been sent).
 */
export interface OpenAIGeneratorOptions extends OpenAIConnection {
  /** Chat model name (CHAT_MODEL). */
  model: string;
  /** Answer length cap (MAX_TOKENS). */
  maxTokens: number;
  /** Sampling temperature; low, because answers should stick to the sources. */
  temperature?: number | undefined;
}

const QUERY_MAX_TOKENS = 60;

const toUsage = (usage: ChatCompletionChunk['usage']): Usage | null =>
  usage
    ? {
        prompt_tokens: usage.prompt_tokens,
        completion_tokens: usage.completion_tokens,
        total_tokens: usage.total_tokens,
      }
    : null;

/** Mid-stream failures that the SDK does not type (dropped connection) still mean "upstream failed". */
const streamFailure = (error: unknown): unknown => {
  const mapped = toAppError(error);
  return mapped === error && !(error instanceof AppError)
    ? new AppError('upstream_unavailable', 'The OpenAI stream was interrupted')
    : mapped;
};

/** Writes grounded, cited answers with an OpenAI chat model (or any compatible server). */
export class OpenAIGenerator implements Generator {
  readonly mode = 'openai' as const;
  readonly #options: OpenAIGeneratorOptions;

  constructor(options: OpenAIGeneratorOptions) {
    this.#options = options;
  }

  async *generate(request: GenerationRequest): AsyncGenerator<GenerationPart> {
    const { client, model, maxTokens, timeoutMs, retry } = this.#options;
    // Our own controller lets the idle timer cancel the request too; the caller's signal still does.
    const idle = new AbortController();
    const signal = AbortSignal.any([request.signal, idle.signal]);
    const stream = await callOpenAI(
      () =>
        client.chat.completions.create(
          {
            model,
            messages: buildAnswerMessages(request),
            stream: true,
            stream_options: { include_usage: true },
            max_tokens: maxTokens,
            temperature: this.#options.temperature ?? 0.2,
          },
          { signal, timeout: timeoutMs },
        ),
      retry,
      request.signal,
    );
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const armTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        idle.abort();
      }, timeoutMs);
    };
    let finish: string | null = null;
    let usage: Usage | null = null;
    let answer = '';
    try {
      armTimer();
      for await (const chunk of stream) {
        armTimer();
        const choice = chunk.choices[0];
        const text = choice?.delta?.content;
        if (text) {
          answer += text;
          yield { type: 'text-delta', text };
        }
        finish = choice?.finish_reason ?? finish;
        usage = toUsage(chunk.usage) ?? usage;
      }
    } catch (error) {
      if (request.signal.aborted) throw abortError();
      if (timedOut) throw new AppError('upstream_timeout', 'OpenAI stopped sending the answer');
      throw streamFailure(error);
    } finally {
      clearTimeout(timer);
    }
    // The SDK ends the loop silently when the request is aborted mid-stream, so check afterwards.
    if (request.signal.aborted) throw abortError();
    if (timedOut) throw new AppError('upstream_timeout', 'OpenAI stopped sending the answer');
    if (finish === null)
      throw new AppError('upstream_unavailable', 'The OpenAI stream ended before the answer was complete');
    const finishReason: FinishReason = saysNotCovered(answer)
      ? 'no_context'
      : finish === 'length'
        ? 'length'
        : 'stop';
    yield { type: 'finish', finishReason, usage };
  }

  async standaloneQuery(history: ChatMessage[], question: string, signal: AbortSignal): Promise<string> {
    if (history.length === 0) return question;
    const { client, model, timeoutMs } = this.#options;
    try {
      // One attempt only: a failed rewrite falls back to the heuristic one rather than delay the answer.
      const completion = await callOpenAI(
        () =>
          client.chat.completions.create(
            {
              model,
              messages: buildStandaloneQueryMessages(history, question),
              max_tokens: QUERY_MAX_TOKENS,
              temperature: 0,
            },
            { signal, timeout: timeoutMs },
          ),
        { ...this.#options.retry, maxAttempts: 1 },
        signal,
      );
      const rewritten = completion.choices[0]?.message?.content?.trim().replace(/^["']|["']$/g, '') ?? '';
      return rewritten === '' ? followUpQuery(history, question) : rewritten;
    } catch {
      if (signal.aborted) throw abortError();
      // The raw follow-up ("and what does it return?") names nothing to search for.
      return followUpQuery(history, question);
    }
  }

  async ping(signal?: AbortSignal): Promise<void> {
    await pingOpenAI(this.#options, signal);
  }
}
