import { createFixtureBook, type FixtureBook } from './fixture-book.ts';
import { postJson } from './http.ts';
import { type OpenAITestServer, startOpenAITestServer } from './openai-test-server.ts';
import { type RealService, startRealService } from './real-service.ts';

/** The real service answering through the OpenAI test server, over an ingested fixture book. */
export interface ProtocolService {
  book: FixtureBook;
  upstream: OpenAITestServer;
  service: RealService;
  /** The service's base URL. */
  url: string;
  close(): Promise<void>;
}

/** Book pages link to this site, so answers' sources carry URLs. */
export const SITE_URL = 'https://example.github.io/book/';

/**
 * Starts the protocol adapters' test bed: model answers (streamed by the upstream test server,
 * slowly when `chunkDelayMs` is set) over the embedded store, with the fixture book ingested.
 */
export async function startProtocolService(
  env: Record<string, string> = {},
  upstreamOptions: { chunkDelayMs?: number } = {},
): Promise<ProtocolService> {
  const book = createFixtureBook();
  const upstream = await startOpenAITestServer(upstreamOptions);
  const service = await startRealService(book, {
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: upstream.baseURL,
    OPENAI_MAX_RETRIES: '0',
    EMBEDDING_DIMENSIONS: '64',
    SITE_URL,
    ...env,
  });
  const ingest = await postJson(`${service.url}/embed`, { path: '.' });
  if (ingest.status !== 200) throw new Error(`ingest failed: ${ingest.status} ${await ingest.text()}`);
  return {
    book,
    upstream,
    service,
    url: service.url,
    close: async () => {
      await service.close();
      await upstream.close();
      book.remove();
    },
  };
}
