import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fakeDeps } from '../helpers/fake-deps.ts';
import { suiteServer } from '../helpers/http.ts';
import { parseRawResponse, rawExchange } from '../helpers/raw-http.ts';

const PROBLEM_TYPE = /^application\/problem\+json/;

describe('HTTP manners over a real socket', () => {
  const server = suiteServer(fakeDeps().deps);

  /** Sends raw request text and parses the answer, asserting it is a problem with a request id. */
  const problemFor = async (request: string | Buffer) => {
    const { text } = await rawExchange(server.url(), [request]);
    const response = parseRawResponse(text);
    assert.ok(response, `no response to ${String(request).slice(0, 40)}`);
    assert.match(response.headers['content-type'] ?? '', PROBLEM_TYPE);
    const body = JSON.parse(response.body);
    assert.equal(body.request_id, response.headers['x-request-id']);
    assert.equal(body.status, response.status);
    return { response, body };
  };

  test('a wrong method on a known path is 405 method_not_allowed with Allow', async () => {
    const { response, body } = await problemFor('GET /chat HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
    assert.equal(response.status, 405);
    assert.equal(body.code, 'method_not_allowed');
    assert.equal(response.headers.allow, 'POST');
    const documents = await problemFor('PUT /documents HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
    assert.equal(documents.response.headers.allow, 'DELETE, GET, HEAD');
  });

  test('an unknown path stays 404, also with a trailing slash on a known one', async () => {
    const { response } = await problemFor('POST /chat/ HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
    assert.equal(response.status, 404);
  });

  test('OPTIONS that is not a CORS preflight is a problem, not plain text', async () => {
    const known = await problemFor('OPTIONS /search HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
    assert.equal(known.response.status, 405);
    assert.equal(known.response.headers.allow, 'POST');
    const unknown = await problemFor('OPTIONS /nowhere HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
    assert.equal(unknown.response.status, 404);
  });

  test('a CORS preflight from an allowed origin still succeeds', async () => {
    const response = await fetch(`${server.url()}/chat`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:3000');
    assert.ok(response.headers.get('x-request-id'));
  });

  test('methods Node does not know and WebDAV methods are problems too', async () => {
    assert.equal((await problemFor('BREW /chat HTTP/1.1\r\nHost: t\r\n\r\n')).response.status, 400);
    const webdav = await problemFor('PROPFIND /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
    assert.equal(webdav.response.status, 405);
    assert.equal(webdav.response.headers.allow, 'GET, HEAD');
  });

  test('a non-JSON body is 415 whose detail says JSON is expected', async () => {
    const response = await fetch(`${server.url()}/search`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'query=x',
    });
    assert.equal(response.status, 415);
    const body = (await response.json()) as { code: string; detail: string };
    assert.equal(body.code, 'unsupported_media_type');
    assert.match(body.detail, /JSON/);
    assert.match(body.detail, /application\/json/);
  });

  test("Node's parser errors are problem+json with a request id", async () => {
    const cases: [string, string, number][] = [
      [
        'duplicate Content-Length',
        'POST /search HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc',
        400,
      ],
      [
        'bad chunking',
        'POST /search HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
        400,
      ],
      [
        'both framings',
        'POST /search HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        400,
      ],
      ['oversized headers', `GET /health HTTP/1.1\r\nHost: t\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ['a bare LF in a header', 'GET /health HTTP/1.1\r\nHost: t\r\nX-A: a\nb\r\n\r\n', 400],
    ];
    for (const [name, request, status] of cases) {
      const { response } = await problemFor(request);
      assert.equal(response.status, status, name);
    }
    const alive = await fetch(`${server.url()}/health`);
    assert.equal(alive.status, 200);
  });
});
