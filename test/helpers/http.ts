import { after, before } from 'node:test';
import { createParser } from 'eventsource-parser';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type AppOptions, createApp } from '../../src/app.ts';
import type { AppDeps } from '../../src/app-deps.ts';
import { fakeDeps } from './fake-deps.ts';

/** An app on fake deps that the enclosing suite shares. */
export interface SuiteApp {
  /** The fakes behind the app; tests script and inspect them. */
  fakes: ReturnType<typeof fakeDeps>;
  /** Sends a request to the app without a port (app.inject). */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/**
 * Builds an app on fresh fakes (with `env` as configuration) before the enclosing suite's tests
 * and closes it after them. Call it inside describe().
 */
export function suiteApp(env: Record<string, string> = {}, options: AppOptions = {}): SuiteApp {
  const fakes = fakeDeps(env);
  let app: FastifyInstance | undefined;
  before(async () => {
    app = await createApp(fakes.deps, options);
  });
  after(() => app?.close());
  return {
    fakes,
    inject: (request) => {
      if (!app) throw new Error('suiteApp: inject called before the suite started');
      return app.inject(request);
    },
  };
}

/** A listening app on an ephemeral loopback port. */
export async function listenApp(
  deps: AppDeps,
  options: AppOptions = {},
): Promise<{ app: FastifyInstance; url: string }> {
  const app = await createApp(deps, options);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: address };
}

/** What a client saw on an event stream: events (parsed JSON data) and comments, in arrival order. */
export interface SseTranscript {
  items: (
    | { kind: 'event'; event: string; data: Record<string, unknown> }
    | { kind: 'comment'; text: string }
  )[];
  events: { event: string; data: Record<string, unknown> }[];
}

/** Reads an SSE response body to its end with eventsource-parser. */
export async function readSse(response: Response): Promise<SseTranscript> {
  const transcript: SseTranscript = { items: [], events: [] };
  const parser = createParser({
    onEvent: (message) => {
      const item = { event: message.event ?? 'message', data: JSON.parse(message.data) };
      transcript.events.push(item);
      transcript.items.push({ kind: 'event', ...item });
    },
    onComment: (text) => transcript.items.push({ kind: 'comment', text: text.trim() }),
  });
  if (!response.body) throw new Error('response has no body');
  const decoder = new TextDecoder();
  for await (const chunk of response.body) parser.feed(decoder.decode(chunk, { stream: true }));
  return transcript;
}

/** JSON POST helper for real-fetch tests. */
export const postJson = (url: string, body: unknown, init: RequestInit = {}): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
    body: JSON.stringify(body),
  });

/**
 * An app on `deps` listening on loopback from before the enclosing suite's tests until after
 * them. Call inside describe(); `url()` is the base URL once the suite has started.
 */
export function suiteServer(deps: AppDeps, options: AppOptions = {}): { url: () => string } {
  let server: { app: FastifyInstance; url: string } | undefined;
  before(async () => {
    server = await listenApp(deps, options);
  });
  after(() => server?.app.close());
  return {
    url: () => {
      if (!server) throw new Error('suiteServer: used before the suite started');
      return server.url;
    },
  };
}
