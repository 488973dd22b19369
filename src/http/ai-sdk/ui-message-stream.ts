import type { CitedSource } from '../../domain/answer-events.ts';
import type { AnswerFraming } from '../answer-stream.ts';
import { type CitingAnswer, resolveCitations } from '../citation-spans.ts';

/** The header `DefaultChatTransport` checks; protocol version 1 of the UI message stream. */
export const UI_MESSAGE_STREAM_HEADER = { 'x-vercel-ai-ui-message-stream': 'v1' };

const data = (chunk: Record<string, unknown>): string => `data: ${JSON.stringify(chunk)}\n\n`;

const sourceId = (source: CitedSource): string => `source-${source.n}`;

/** A source as its UI chunk: a URL when the page has one, else a document named by its source. */
const sourceChunk = (source: CitedSource) =>
  source.url
    ? { type: 'source-url', sourceId: sourceId(source), url: source.url, title: source.title }
    : {
        type: 'source-document',
        sourceId: sourceId(source),
        mediaType: 'text/markdown',
        title: source.title,
        filename: source.source,
      };

/** The `[n]` markers as the AI SDK's text-part citations (`startIndex`/`endIndex` into the text). */
function textCitations(answer: CitingAnswer, sources: CitedSource[]) {
  return resolveCitations(answer, sources).map(({ source, start, end }) => {
    const { type: _type, sourceId: id, ...rest } = sourceChunk(source);
    const sourceType = source.url ? 'url' : 'document';
    return { source: { type: 'source', sourceType, id, ...rest }, startIndex: start, endIndex: end };
  });
}

/**
 * The AI SDK UI message stream (`useChat`'s wire format): `start`, a `source-url` (or
 * `source-document`) per source, `text-start` / `text-delta`… / `text-end`, `finish`, then
 * `[DONE]`; a failure after the start is an `error` chunk. Chunks carry only the keys the
 * SDK's chunk schemas define.
 */
export function uiMessageStreamFraming(messageId: string): AnswerFraming {
  const textId = `${messageId}-text`;
  let sources: CitedSource[] = [];
  return {
    headers: UI_MESSAGE_STREAM_HEADER,
    frame: (event) => {
      switch (event.type) {
        case 'sources':
          sources = event.sources;
          return [
            data({ type: 'start', messageId }),
            ...sources.map((source) => data(sourceChunk(source))),
            data({ type: 'text-start', id: textId }),
          ].join('');
        case 'text-delta':
          return data({ type: 'text-delta', id: textId, delta: event.text });
        case 'finish': {
          const citations = textCitations(event, sources);
          const finishReason = event.finishReason === 'length' ? 'length' : 'stop';
          return [
            data({ type: 'text-end', id: textId, ...(citations.length > 0 ? { citations } : {}) }),
            data({ type: 'finish', finishReason }),
            'data: [DONE]\n\n',
          ].join('');
        }
      }
    },
    error: (problem) => `${data({ type: 'error', errorText: problem.detail })}data: [DONE]\n\n`,
  };
}
