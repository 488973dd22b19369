import type { AnswerEvent } from '../domain/answer-events.ts';

/**
 * Passes an answer through, but holds its leading `sources` event until the next event (the
 * first text, or the finish) is ready. A stream commits to `200` on its first event, so holding
 * the sources lets a model failure before any text still become an HTTP error status — which
 * clients such as the OpenAI SDKs turn into their typed errors.
 */
export async function* holdSourcesUntilText(events: AsyncIterable<AnswerEvent>): AsyncGenerator<AnswerEvent> {
  const held: AnswerEvent[] = [];
  let flowing = false;
  for await (const event of events) {
    if (!flowing && event.type === 'sources') {
      held.push(event);
      continue;
    }
    flowing = true;
    yield* held.splice(0);
    yield event;
  }
  yield* held;
}
