import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { streamAnswer } from '../answer-stream.ts';
import { completeAnswer } from '../answer-wire.ts';
import { sameSecret } from '../auth.ts';
import { requestSignal } from '../disconnect.ts';
import { holdSourcesUntilText } from '../hold-sources.ts';
import { chatCompletion, completionChunkFraming } from '../openai-compat/completion.ts';
import { registerOpenAIErrorHandling, sendOpenAIError } from '../openai-compat/errors.ts';
import { ChatCompletionBodySchema, MODEL_ID, toChatMessages } from '../openai-compat/request-schema.ts';
import type { RouteContext, ZodApp } from '../route-context.ts';
import { limitedAs } from '../route-limits.ts';

/** When the model "was created": the process start, as OpenAI lists models with a Unix time. */
const STARTED = Math.floor(Date.now() / 1000);

const MODEL = { id: MODEL_ID, object: 'model', created: STARTED, owned_by: 'docs-chat-backend' };

/** Requires `Authorization: Bearer <key>` with one of `keys`; OpenAI answers 401 otherwise. */
const bearerKeyGuard =
  (keys: string[]) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const given = match?.[1];
    if (given && keys.some((key) => sameSecret(given, key))) return undefined;
    return sendOpenAIError(reply, 401, {
      message: given
        ? 'Incorrect API key provided.'
        : 'No API key provided: send Authorization: Bearer <key>.',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    });
  };

const unknownModel = (reply: FastifyReply, model: string): FastifyReply =>
  sendOpenAIError(reply, 404, {
    message: `The model '${model}' does not exist; this server serves '${MODEL_ID}'.`,
    type: 'invalid_request_error',
    param: 'model',
    code: 'model_not_found',
  });

/**
 * The OpenAI Chat Completions wire format under /v1, over the same answer service as /chat:
 * any OpenAI client or chat UI can talk to the book.
 */
export function registerOpenAICompatRoutes(app: ZodApp, context: RouteContext): void {
  const { deps } = context;
  app.register(
    async (plugin) => {
      const scope = plugin.withTypeProvider<ZodTypeProvider>();
      registerOpenAIErrorHandling(scope);
      if (deps.config.apiKeys.length > 0) scope.addHook('onRequest', bearerKeyGuard(deps.config.apiKeys));

      scope.get('/models', limitedAs('search'), async () => ({ object: 'list', data: [MODEL] }));
      scope.get('/models/:model', limitedAs('search'), async (request, reply) => {
        const { model } = request.params as { model: string };
        return model === MODEL_ID ? MODEL : unknownModel(reply, model);
      });

      scope.post(
        '/chat/completions',
        { ...limitedAs('answer'), schema: { body: ChatCompletionBodySchema } },
        async (request, reply) => {
          const body = request.body;
          if (body.model !== MODEL_ID) return unknownModel(reply, body.model);
          const identity = {
            id: `chatcmpl-${request.id}`,
            created: Math.floor(Date.now() / 1000),
            model: MODEL_ID,
          };
          const { signal, disconnected } = requestSignal(reply, context.shutdown);
          const answer = deps.answers.chat(
            { messages: toChatMessages(body.messages), userId: body.user ?? 'openai-api', topK: 5 },
            signal,
          );
          if (body.stream !== true) return chatCompletion(identity, await completeAnswer(answer));
          const includeUsage = body.stream_options?.include_usage === true;
          await streamAnswer(reply, holdSourcesUntilText(answer), {
            pingIntervalMs: context.pingIntervalMs,
            signal,
            disconnected,
            openStreams: context.metrics.openStreams,
            framing: completionChunkFraming(identity, includeUsage),
          });
          return reply;
        },
      );
    },
    { prefix: '/v1' },
  );
}
