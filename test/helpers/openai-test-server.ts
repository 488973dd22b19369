import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * A real HTTP server speaking the OpenAI REST protocol (models, embeddings, chat completions
 * with SSE streaming) for tests. Behaviours for upcoming requests can be scripted, and every
 * request is logged, including whether the client went away before the response ended.
 */

/** What the server does with one upcoming request (optionally only one for `path`). */
export type Behaviour = { path?: string } & (
  | { kind: 'status'; status: number; headers?: Record<string, string>; message?: string }
  | { kind: 'delay'; ms: number }
  | { kind: 'stall' }
  | { kind: 'malformed' }
  | {
      kind: 'reply';
      text: string;
      finishReason?: string;
      /** Streamed deltas exactly as given (must join to `text`); default: one per word. */
      pieces?: string[];
    }
  | { kind: 'drop' }
);

/** One request as the server saw it. */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** URL path without the query, e.g. `/v1/embeddings`. */
  path: string;
  /** Request headers as received. */
  headers: IncomingMessage['headers'];
  /** Parsed JSON body (undefined for GET). */
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON, asserted by tests.
  body: any;
  /** True when the connection closed before the response was complete. */
  aborted: boolean;
  /** Resolves when the exchange is over (finished or aborted). */
  settled: Promise<void>;
}

export interface OpenAITestServer {
  /** Base URL including `/v1`, for OPENAI_BASE_URL. */
  baseURL: string;
  /** Every request so far, in arrival order. */
  requests: RecordedRequest[];
  /** Queues behaviours; each is used by the next request (matching its `path`, if given). */
  enqueue(...behaviours: Behaviour[]): void;
  /** Most simultaneous embeddings requests observed since the last reset. */
  maxConcurrentEmbeddings(): number;
  /** Clears the request log, the behaviour queue and the concurrency peak. */
  reset(): void;
  /** Stops the server, cutting stalled connections. */
  close(): Promise<void>;
}

/** Each request so far as "METHOD path", e.g. "GET /v1/models". */
export const requestLines = (server: OpenAITestServer): string[] =>
  server.requests.map((request) => `${request.method} ${request.path}`);

export interface OpenAITestServerOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Vector length when a request does not ask for `dimensions` (default 64). */
  defaultDimensions?: number;
  /** Delay before each embeddings response, to make concurrency observable. */
  embeddingDelayMs?: number;
  /** Delay between streamed chunks. */
  chunkDelayMs?: number;
  /** Delay between the stream's opening (headers, role chunk) and its first text chunk; default chunkDelayMs. */
  firstTokenDelayMs?: number;
  /**
   * Text to embed in place of `input` (scripted vectors: e.g. a question embedded as its gold
   * passage, a perfect vector signal); return `input` itself to embed it as usual.
   */
  embedAs?: (input: string) => string;
}

const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

/** Hashed bag of words, L2-normalised: texts sharing words get similar vectors. */
export function hashedEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const digest = createHash('sha256').update(word).digest();
    const slot = digest.readUInt32LE(0) % dimensions;
    vector[slot] = (vector[slot] ?? 0) + ((digest[4] ?? 0) & 1 ? 1 : -1);
  }
  const norm = Math.hypot(...vector);
  if (norm === 0) return vector.map((_, index) => (index === 0 ? 1 : 0));
  return vector.map((value) => value / norm);
}

const toBase64 = (vector: number[]): string =>
  Buffer.from(new Float32Array(vector).buffer).toString('base64');

/** Default chat reply: the first line of source [1], cited; otherwise says the book lacks it. */
// biome-ignore lint/suspicious/noExplicitAny: chat messages as parsed from JSON.
function defaultReply(messages: any[]): string {
  const last = String(messages.at(-1)?.content ?? '');
  const source = /<source n="1"[^>]*>\n([^\n]*)/.exec(last)?.[1]?.trim();
  if (source) return `According to the book, ${source} [1].`;
  return `The book does not cover this: ${last.split('\n').at(-1) ?? ''}`;
}

const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const errorBody = (message: string, type: string) => ({ error: { message, type, param: null, code: null } });

export async function startOpenAITestServer(
  options: OpenAITestServerOptions = {},
): Promise<OpenAITestServer> {
  const queue: Behaviour[] = [];
  const requests: RecordedRequest[] = [];
  let activeEmbeddings = 0;
  let peakEmbeddings = 0;

  const takeBehaviour = (path: string): Behaviour | undefined => {
    const index = queue.findIndex((behaviour) => behaviour.path === undefined || behaviour.path === path);
    return index === -1 ? undefined : queue.splice(index, 1)[0];
  };

  const handleEmbeddings = async (res: ServerResponse, body: Record<string, unknown>) => {
    const inputs = typeof body.input === 'string' ? [body.input] : (body.input as string[]);
    const dimensions =
      typeof body.dimensions === 'number' ? body.dimensions : (options.defaultDimensions ?? 64);
    activeEmbeddings += 1;
    peakEmbeddings = Math.max(peakEmbeddings, activeEmbeddings);
    try {
      if (options.embeddingDelayMs) await delay(options.embeddingDelayMs);
    } finally {
      activeEmbeddings -= 1;
    }
    const tokens = inputs.reduce((sum, input) => sum + estimateTokens(input), 0);
    const data = inputs.map((input, index) => {
      const vector = hashedEmbedding(options.embedAs?.(input) ?? input, dimensions);
      return {
        object: 'embedding',
        index,
        embedding: body.encoding_format === 'base64' ? toBase64(vector) : vector,
      };
    });
    sendJson(res, 200, {
      object: 'list',
      data,
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  };

  const handleChat = async (
    res: ServerResponse,
    body: Record<string, unknown>,
    script: Behaviour | undefined,
  ) => {
    // biome-ignore lint/suspicious/noExplicitAny: chat messages as parsed from JSON.
    const messages = (body.messages as any[]) ?? [];
    const text = script?.kind === 'reply' ? script.text : defaultReply(messages);
    const finishReason = script?.kind === 'reply' ? (script.finishReason ?? 'stop') : 'stop';
    const promptTokens = messages.reduce((sum, m) => sum + estimateTokens(String(m.content ?? '')), 0);
    const usage = { prompt_tokens: promptTokens, completion_tokens: estimateTokens(text), total_tokens: 0 };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const base = { id: 'chatcmpl-test', created: 1_700_000_000, model: body.model };
    if (body.stream !== true) {
      const message = { role: 'assistant', content: text, refusal: null };
      const choices = [{ index: 0, message, finish_reason: finishReason, logprobs: null }];
      sendJson(res, 200, { ...base, object: 'chat.completion', choices, usage });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (chunk: unknown) =>
      res.write(
        `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', ...(chunk as object) })}\n\n`,
      );
    const choice = (delta: object, finish: string | null) => ({
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    send(choice({ role: 'assistant', content: '' }, null));
    const pieces = (script?.kind === 'reply' ? script.pieces : undefined) ?? text.match(/\S+\s*|\s+/g) ?? [];
    for (const [index, piece] of pieces.entries()) {
      if (res.destroyed) return;
      const wait = index === 0 ? (options.firstTokenDelayMs ?? options.chunkDelayMs) : options.chunkDelayMs;
      if (wait) await delay(wait);
      send(choice({ content: piece }, null));
    }
    if (script?.kind === 'stall') return; // headers and text sent, then silence
    send(choice({}, finishReason));
    // biome-ignore lint/suspicious/noExplicitAny: stream_options as parsed from JSON.
    if ((body.stream_options as any)?.include_usage) send({ choices: [], usage });
    res.end('data: [DONE]\n\n');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, record: RecordedRequest) => {
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      sendJson(res, 401, errorBody('Incorrect API key provided: sk-***', 'invalid_request_error'));
      return;
    }
    const behaviour = takeBehaviour(record.path);
    if (behaviour?.kind === 'drop') return void req.socket.destroy();
    if (behaviour?.kind === 'delay') await delay(behaviour.ms);
    if (behaviour?.kind === 'status') {
      const message = behaviour.message ?? `scripted status ${behaviour.status}`;
      return sendJson(res, behaviour.status, errorBody(message, 'server_error'), behaviour.headers);
    }
    if (behaviour?.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"object": "list", "data": [');
    }
    const streaming = record.path === '/v1/chat/completions' && record.body?.stream === true;
    if (behaviour?.kind === 'stall' && !streaming) return; // never answer
    if (req.method === 'GET' && record.path === '/v1/models') {
      const data = ['text-embedding-3-small', 'gpt-4o-mini'].map((id) => ({
        id,
        object: 'model',
        created: 0,
        owned_by: 'test',
      }));
      return sendJson(res, 200, { object: 'list', data });
    }
    if (req.method === 'POST' && record.path === '/v1/embeddings') return handleEmbeddings(res, record.body);
    if (req.method === 'POST' && record.path === '/v1/chat/completions')
      return handleChat(res, record.body, behaviour);
    sendJson(res, 404, errorBody(`no route ${req.method} ${record.path}`, 'invalid_request_error'));
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let settle = () => {};
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://x').pathname,
      headers: req.headers,
      body: raw === '' ? undefined : JSON.parse(raw),
      aborted: false,
      settled: new Promise<void>((resolve) => {
        settle = resolve;
      }),
    };
    requests.push(record);
    res.on('close', () => {
      record.aborted = !res.writableFinished;
      settle();
    });
    await handle(req, res, record).catch(() => res.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...behaviours) => void queue.push(...behaviours),
    maxConcurrentEmbeddings: () => peakEmbeddings,
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      peakEmbeddings = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
