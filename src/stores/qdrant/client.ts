import { QdrantClient, type QdrantClientParams } from '@qdrant/js-client-rest';

/** Where and how to reach Qdrant (from QDRANT_URL, QDRANT_API_KEY, QDRANT_TIMEOUT_MS). */
export interface QdrantConnection {
  url: string;
  apiKey?: string | undefined;
  /** Per-request timeout in milliseconds (the client's constructor unit). */
  timeoutMs: number;
}

/**
 * Client options for `connection.url`. The client appends port 6333 to any URL without an
 * explicit port, which breaks HTTPS endpoints on 443 (Qdrant Cloud behind a proxy, and Hugging
 * Face Spaces, which only allow outbound 80/443/8080). `port: null` keeps the URL's own port, or
 * the scheme default when it has none; local users write `http://localhost:6333` explicitly.
 * A path (reverse proxy mount) must go to `prefix`: the client ignores the URL's path.
 */
export function qdrantClientOptions(connection: QdrantConnection): QdrantClientParams {
  const url = new URL(connection.url);
  const prefix = url.pathname.replace(/\/+$/, '');
  return {
    url: url.origin,
    ...(prefix === '' ? {} : { prefix }),
    port: null,
    https: url.protocol === 'https:',
    ...(connection.apiKey === undefined ? {} : { apiKey: connection.apiKey }),
    timeout: connection.timeoutMs,
    // The check fires a background GET / and console.warns; /health reports reachability instead.
    checkCompatibility: false,
  };
}

/** A Qdrant REST client for `connection`. */
export const createQdrantClient = (connection: QdrantConnection): QdrantClient =>
  new QdrantClient(qdrantClientOptions(connection));
