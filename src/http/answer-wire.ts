import type { AnswerEvent } from '../domain/answer-events.ts';
import { publicSource } from './sources.ts';

/** An AnswerEvent as the contract names it on the wire: SSE event name and JSON payload. */
export interface WireEvent {
  name: 'sources' | 'token' | 'done';
  data: Record<string, unknown>;
}

/** The `done` event's data; the `stream: false` body is the same with `sources` after `answer`. */
const donePayload = (event: Extract<AnswerEvent, { type: 'finish' }>, requestId: string) => ({
  answer: event.answer,
  finish_reason: event.finishReason,
  mode: event.mode,
  usage: event.usage,
  citations: event.citations,
  request_id: requestId,
});

/** Maps the transport-free answer parts to the contract's `sources` / `token` / `done` events. */
export function toWireEvent(event: AnswerEvent, requestId: string): WireEvent {
  switch (event.type) {
    case 'sources':
      return { name: 'sources', data: { sources: event.sources.map(publicSource) } };
    case 'text-delta':
      return { name: 'token', data: { text: event.text } };
    case 'finish':
      return { name: 'done', data: donePayload(event, requestId) };
  }
}

/** Collects a whole answer into the `stream: false` response body. */
export async function collectAnswer(
  events: AsyncIterable<AnswerEvent>,
  requestId: string,
): Promise<Record<string, unknown>> {
  let sources: unknown[] = [];
  for await (const event of events) {
    if (event.type === 'sources') sources = event.sources.map(publicSource);
    if (event.type === 'finish') {
      const { answer, ...rest } = donePayload(event, requestId);
      return { answer, sources, ...rest };
    }
  }
  throw new Error('answer stream ended without a finish event');
}
