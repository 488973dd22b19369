import type { CitedSource, FinishReason, Usage } from '../../domain/answer-events.ts';
import type { AnswerFraming } from '../answer-stream.ts';
import type { CompleteAnswer } from '../answer-wire.ts';
import { type CitingAnswer, resolveCitations } from '../citation-spans.ts';
import { openAIError } from './errors.ts';

/** What every completion object of one request shares. */
export interface CompletionIdentity {
  id: string;
  /** Unix seconds. */
  created: number;
  model: string;
}

/** OpenAI's citation annotation: `start_index`/`end_index` span the `[n]` marker in the text. */
export interface UrlCitation {
  type: 'url_citation';
  url_citation: { url: string; title: string; start_index: number; end_index: number };
}

/** One `url_citation` per `[n]` marker whose source has a URL. */
export const urlCitations = (answer: CitingAnswer, sources: CitedSource[]): UrlCitation[] =>
  resolveCitations(answer, sources).flatMap(({ source, start, end }) =>
    source.url
      ? [
          {
            type: 'url_citation' as const,
            url_citation: { url: source.url, title: source.title, start_index: start, end_index: end },
          },
        ]
      : [],
  );

/** `no_context` is a normal stop for OpenAI clients (the answer says the book lacks it). */
const finishReason = (reason: FinishReason): 'stop' | 'length' => (reason === 'length' ? 'length' : 'stop');

/** The extractive answerer uses no model tokens: zeros, since OpenAI clients expect numbers. */
const usageOf = (usage: Usage | null): Usage =>
  usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

/** The `chat.completion` object of a non-streaming request. */
export function chatCompletion(identity: CompletionIdentity, { sources, finish }: CompleteAnswer) {
  return {
    ...identity,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: finish.answer,
          refusal: null,
          annotations: urlCitations(finish, sources),
        },
        logprobs: null,
        finish_reason: finishReason(finish.finishReason),
      },
    ],
    usage: usageOf(finish.usage),
  };
}

const data = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;

/**
 * `chat.completion.chunk` events: the role on the first delta, text deltas, `finish_reason`
 * (and the citations) on the last choice chunk, a usage-only chunk when asked, then `[DONE]`.
 */
export function completionChunkFraming(identity: CompletionIdentity, includeUsage: boolean): AnswerFraming {
  let sources: CitedSource[] = [];
  const chunk = (choices: unknown[], usage: Usage | null = null): string =>
    data({ ...identity, object: 'chat.completion.chunk', choices, ...(includeUsage ? { usage } : {}) });
  const choice = (delta: object, finish: string | null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finish,
  });
  return {
    frame: (event) => {
      switch (event.type) {
        case 'sources':
          sources = event.sources;
          return chunk([choice({ role: 'assistant', content: '' }, null)]);
        case 'text-delta':
          return chunk([choice({ content: event.text }, null)]);
        case 'finish': {
          const annotations = urlCitations(event, sources);
          const last = chunk([
            choice(annotations.length > 0 ? { annotations } : {}, finishReason(event.finishReason)),
          ]);
          const usage = includeUsage ? chunk([], usageOf(event.usage)) : '';
          return `${last}${usage}data: [DONE]\n\n`;
        }
      }
    },
    // The official clients throw an APIError for a `data:` payload carrying `error`.
    error: (problem) => data(openAIError(problem).body),
  };
}
