import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.ts';
import { buildAssets } from '../../src/build/build-assets.ts';
import { fakeDeps } from '../helpers/fake-deps.ts';

describe('GET /widget.js and GET / (built assets)', () => {
  let dir = '';
  let app: FastifyInstance;
  let emptyApp: FastifyInstance;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'widget-assets-'));
    await buildAssets(dir);
    app = await createApp(fakeDeps().deps, { assetsDir: dir });
    emptyApp = await createApp(fakeDeps().deps, { assetsDir: path.join(dir, 'missing') });
  });
  after(async () => {
    await app?.close();
    await emptyApp?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('serves the widget as JavaScript with an ETag, cache headers and a cross-origin CORP', async () => {
    const response = await app.inject({ method: 'GET', url: '/widget.js' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] ?? '', /^text\/javascript/);
    assert.match(String(response.headers.etag), /^"[\w-]{27}"$/);
    assert.match(String(response.headers['cache-control']), /max-age=\d+/);
    assert.equal(response.headers['cross-origin-resource-policy'], 'cross-origin');
    assert.match(response.body, /Ask about this/);
  });

  test('stays within the 30 KB gzipped budget', async () => {
    const response = await app.inject({ method: 'GET', url: '/widget.js' });
    const gzipped = gzipSync(response.rawPayload, { level: 9 });
    assert.ok(gzipped.byteLength <= 30 * 1024, `widget.js is ${gzipped.byteLength} bytes gzipped`);
    assert.equal(gunzipSync(gzipped).byteLength, response.rawPayload.byteLength);
  });

  test('answers 304 to a matching If-None-Match', async () => {
    const first = await app.inject({ method: 'GET', url: '/widget.js' });
    const again = await app.inject({
      method: 'GET',
      url: '/widget.js',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
  });

  test('GET / is a rendered book page carrying the widget under a CSP without unsafe-inline', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] ?? '', /^text\/html/);
    assert.match(response.body, /<h1 id="three-principles">Three Principles<\/h1>/);
    assert.match(response.body, /<pre><code class="language-js">/);
    assert.match(response.body, /<script src="\/widget\.js" defer/);
    assert.doesNotMatch(response.body, /```/);
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'sha256-[^']+'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
  });

  test('without a build both are a 404 problem naming the build command', async () => {
    for (const url of ['/', '/widget.js']) {
      const response = await emptyApp.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 404);
      assert.match(response.headers['content-type'] ?? '', /^application\/problem\+json/);
      assert.match(response.json().detail, /npm run build/);
    }
  });
});
