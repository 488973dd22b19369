import type { AnswerEvent, CitedSource } from '../domain/answer-events.ts';
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

/** A whole answer: its numbered sources and its finish event. */
export interface CompleteAnswer {
  sources: CitedSource[];
  finish: Extract<AnswerEvent, { type: 'finish' }>;
}

/** Reads an answer's events to the finish event (for non-streaming responses of every protocol). */
export async function completeAnswer(events: AsyncIterable<AnswerEvent>): Promise<CompleteAnswer> {
  let sources: CitedSource[] = [];
  for await (const event of events) {
    if (event.type === 'sources') sources = event.sources;
    if (event.type === 'finish') return { sources, finish: event };
  }
  throw new Error('answer stream ended without a finish event');
}

/** Collects a whole answer into the `stream: false` response body. */
export async function collectAnswer(
  events: AsyncIterable<AnswerEvent>,
  requestId: string,
): Promise<Record<string, unknown>> {
  const { sources, finish } = await completeAnswer(events);
  const { answer, ...rest } = donePayload(finish, requestId);
  return { answer, sources: sources.map(publicSource), ...rest };
}
