import type { FastifyReply } from 'fastify';
import type { AnswerEvent } from '../../domain/answer-events.ts';
import { streamAnswer } from '../answer-stream.ts';
import { collectAnswer } from '../answer-wire.ts';
import { requestSignal } from '../disconnect.ts';
import type { RouteContext, ZodApp } from '../route-context.ts';
import { limitedAs } from '../route-limits.ts';
import { ChatBodySchema, SelectionBodySchema } from '../schemas/chat.ts';

/** POST /chat and POST /chat/selection: answers as SSE (default) or one JSON body. */
export function registerChatRoutes(app: ZodApp, context: RouteContext): void {
  const { deps } = context;

  /** Sends the answer the way the client asked; `produce` gets the request's abort signal. */
  const respond = async (
    reply: FastifyReply,
    stream: boolean,
    produce: (signal: AbortSignal) => AsyncIterable<AnswerEvent>,
  ): Promise<unknown> => {
    const { signal, disconnected } = requestSignal(reply, context.shutdown);
    if (!stream) return collectAnswer(produce(signal), reply.request.id);
    await streamAnswer(reply, produce(signal), {
      pingIntervalMs: context.pingIntervalMs,
      signal,
      disconnected,
      openStreams: context.metrics.openStreams,
    });
    return reply;
  };

  const chatRoute = { ...limitedAs('answer'), schema: { body: ChatBodySchema } };
  const selectionRoute = { ...limitedAs('answer'), schema: { body: SelectionBodySchema } };

  app.post('/chat', chatRoute, async (request, reply) => {
    const { messages, user_id, stream, top_k } = request.body;
    return respond(reply, stream, (signal) =>
      deps.answers.chat({ messages, userId: user_id, topK: top_k, requestId: request.id }, signal),
    );
  });

  app.post('/chat/selection', selectionRoute, async (request, reply) => {
    const body = request.body;
    return respond(reply, body.stream, (signal) =>
      deps.answers.selection(
        {
          selectedText: body.selected_text,
          question: body.question,
          surroundingContext: body.surrounding_context,
          source: body.source,
          pageUrl: body.page_url,
          userId: body.user_id,
          messages: body.messages,
          strict: body.strict,
          topK: body.top_k,
        },
        signal,
      ),
    );
  });
}
