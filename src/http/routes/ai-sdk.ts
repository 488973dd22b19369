import { toChatMessages, UIChatBodySchema } from '../ai-sdk/request-schema.ts';
import { uiMessageStreamFraming } from '../ai-sdk/ui-message-stream.ts';
import { streamAnswer } from '../answer-stream.ts';
import { requestSignal } from '../disconnect.ts';
import type { RouteContext, ZodApp } from '../route-context.ts';
import { limitedAs } from '../route-limits.ts';

/**
 * POST /ai-sdk/chat: the Vercel AI SDK UI message stream, so `useChat` with its default
 * transport talks to the book unchanged — over the same answer service as /chat.
 */
export function registerAISdkRoutes(app: ZodApp, context: RouteContext): void {
  const { deps } = context;
  app.post(
    '/ai-sdk/chat',
    { ...limitedAs('answer'), schema: { body: UIChatBodySchema } },
    async (request, reply) => {
      const { signal, disconnected } = requestSignal(reply, context.shutdown);
      const answer = deps.answers.chat(
        { messages: toChatMessages(request.body.messages), userId: request.body.id ?? 'ai-sdk', topK: 5 },
        signal,
      );
      await streamAnswer(reply, answer, {
        pingIntervalMs: context.pingIntervalMs,
        signal,
        disconnected,
        openStreams: context.metrics.openStreams,
        framing: uiMessageStreamFraming(`msg-${request.id}`),
      });
      return reply;
    },
  );
}
