import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { createQdrantClient, qdrantClientOptions } from '../../../src/stores/qdrant/client.ts';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** The URL the real client requests for `url`, captured by a fetch stand-in answering 200. */
async function requestedUrl(url: string): Promise<string> {
  let seen = '';
  globalThis.fetch = async (input: string | URL | Request) => {
    seen = String(input instanceof Request ? input.url : input);
    return Response.json({ result: { exists: true }, status: 'ok', time: 0 });
  };
  await createQdrantClient({ url, timeoutMs: 1000 }).collectionExists('docs');
  return seen;
}

test('an https URL without a port is requested on 443, not the client default 6333', async () => {
  assert.equal(
    await requestedUrl('https://example.hf.space'),
    'https://example.hf.space/collections/docs/exists',
  );
});

test('an explicit port is kept', async () => {
  assert.equal(await requestedUrl('http://localhost:6333'), 'http://localhost:6333/collections/docs/exists');
  assert.equal(
    await requestedUrl('https://q.example.com:8080'),
    'https://q.example.com:8080/collections/docs/exists',
  );
});

test('a path in the URL becomes the client prefix', async () => {
  assert.equal(
    await requestedUrl('https://proxy.example.com/qdrant/'),
    'https://proxy.example.com/qdrant/collections/docs/exists',
  );
});

test('options carry the key, the timeout in milliseconds and no compatibility probe', () => {
  const options = qdrantClientOptions({ url: 'https://x.cloud.qdrant.io', apiKey: 'k', timeoutMs: 1234 });
  assert.deepEqual(options, {
    url: 'https://x.cloud.qdrant.io',
    port: null,
    https: true,
    apiKey: 'k',
    timeout: 1234,
    checkCompatibility: false,
  });
});
