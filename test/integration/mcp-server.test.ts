import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type ProtocolService, SITE_URL, startProtocolService } from '../helpers/protocol-service.ts';

type ToolResult = { isError?: boolean; content: { type: string; text?: string }[] };

const textOf = (result: unknown): string =>
  (result as ToolResult).content.map((part) => (part.type === 'text' ? part.text : '')).join('');

/** The MCP SDK's own clients (v2 on the 2026-07-28 revision, v1 on 2025-11-25) against a running service. */
describe('MCP server at /mcp with the SDK clients', () => {
  let bed: ProtocolService;
  let modern: Client;
  let legacy: LegacyClient;
  let legacyTransport: LegacyTransport;

  before(async () => {
    bed = await startProtocolService({ CORS_ORIGINS: 'https://reader.example' }, { chunkDelayMs: 5 });
    const endpoint = new URL(`${bed.url}/mcp`);
    modern = new Client(
      { name: 'test-modern', version: '1.0.0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await modern.connect(new StreamableHTTPClientTransport(endpoint));
    legacy = new LegacyClient({ name: 'test-legacy', version: '1.0.0' });
    legacyTransport = new LegacyTransport(endpoint);
    await legacy.connect(legacyTransport);
  });
  after(async () => {
    await modern?.close();
    await legacy?.close();
    await bed.close();
  });

  it('serves the stateless 2026-07-28 revision and the 2025-era initialize handshake', () => {
    assert.equal(modern.getNegotiatedProtocolVersion(), '2026-07-28');
    assert.equal(legacyTransport.protocolVersion, '2025-11-25');
    assert.equal(legacy.getServerVersion()?.name, 'docs-chat');
    assert.equal(legacyTransport.sessionId, undefined, 'stateless: no Mcp-Session-Id');
  });

  it('lists the three read-only tools to both generations', async () => {
    for (const client of [modern, legacy]) {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((tool) => tool.name).sort(), ['ask_docs', 'get_page', 'search_docs']);
      assert.ok(tools.every((tool) => tool.annotations?.readOnlyHint === true));
    }
  });

  it('search_docs returns passages with title, heading and URL', async () => {
    const result = await modern.callTool({
      name: 'search_docs',
      arguments: { query: 'compose functions right to left', top_k: 3 },
    });
    assert.notEqual((result as ToolResult).isError, true);
    const text = textOf(result);
    assert.match(
      text,
      /^\[1\] compose — compose > .*\(https:\/\/example\.github\.io\/book\/docs\/api\/compose#/,
    );
    assert.match(text, /Composes functions from right to left/);
    for (const client of [modern, legacy]) {
      const structured = await client.callTool({
        name: 'search_docs',
        arguments: { query: 'compose', top_k: 2 },
      });
      const { results } = structured.structuredContent as {
        results: { source: string; url: string; heading: string }[];
      };
      assert.equal(results.length, 2);
      assert.equal(results[0]?.source, 'api/compose.md');
      assert.ok(results.every((result) => result.url.startsWith(SITE_URL) && result.heading.length > 0));
    }
  });

  it('ask_docs returns a cited answer with its sources', async () => {
    const result = await legacy.callTool({
      name: 'ask_docs',
      arguments: { question: 'How do I compose functions?' },
    });
    const text = textOf(result);
    assert.match(text, /According to the book, .*\[1\]/);
    assert.match(text, /Sources:\n\[1\] /);
  });

  it('get_page returns a page by source and by (section) URL, headings in order', async () => {
    const bySource = textOf(
      await modern.callTool({ name: 'get_page', arguments: { source: 'api/compose.md' } }),
    );
    assert.match(
      bySource,
      /^# compose\n\nSource: api\/compose\.md\nURL: https:\/\/example\.github\.io\/book\/docs\/api\/compose\n/,
    );
    const overview = bySource.indexOf('Composes functions from right to left');
    const returns = bySource.indexOf('### Returns');
    assert.ok(overview > 0 && returns > overview, 'sections keep document order');
    const byUrl = textOf(
      await modern.callTool({
        name: 'get_page',
        arguments: { url: `${SITE_URL}docs/api/compose/#arguments` },
      }),
    );
    assert.equal(byUrl, bySource);
  });

  it('bad arguments and unknown pages are tool errors', async () => {
    const missing = (await modern.callTool({ name: 'search_docs', arguments: {} })) as ToolResult;
    assert.equal(missing.isError, true);
    const both = (await legacy.callTool({
      name: 'get_page',
      arguments: { source: 'api/compose.md', url: `${SITE_URL}docs/api/compose` },
    })) as ToolResult;
    assert.equal(both.isError, true);
    assert.match(textOf(both), /exactly one of source or url/);
    const unknown = (await modern.callTool({
      name: 'get_page',
      arguments: { url: 'https://elsewhere.example/x' },
    })) as ToolResult;
    assert.equal(unknown.isError, true);
  });

  it('an unknown tool is a protocol error', async () => {
    await assert.rejects(modern.callTool({ name: 'delete_docs', arguments: {} }), /delete_docs/);
    await assert.rejects(legacy.callTool({ name: 'delete_docs', arguments: {} }), /delete_docs/);
  });

  it('aborts the upstream generation when the caller disconnects during ask_docs', async () => {
    const words = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    bed.upstream.enqueue({ kind: 'reply', text: words, path: '/v1/chat/completions' });
    const before = bed.upstream.requests.length;
    const upstreamChat = () =>
      bed.upstream.requests.slice(before).find((r) => r.path === '/v1/chat/completions');
    const controller = new AbortController();
    const call = modern.callTool(
      { name: 'ask_docs', arguments: { question: 'What is compose?' } },
      { signal: controller.signal },
    );
    while (!upstreamChat()) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await assert.rejects(call);
    await upstreamChat()?.settled;
    assert.equal(upstreamChat()?.aborted, true, 'the upstream completion was cut');
  });

  it('answers GET with the SDK 405 (JSON-RPC) and HEAD with the API 405 (Allow)', async () => {
    const get = await fetch(`${bed.url}/mcp`);
    assert.equal(get.status, 405);
    assert.equal(((await get.json()) as { jsonrpc: string }).jsonrpc, '2.0');
    const head = await fetch(`${bed.url}/mcp`, { method: 'HEAD' });
    assert.equal(head.status, 405);
    assert.match(head.headers.get('allow') ?? '', /POST/);
  });

  it('refuses a foreign Origin with 403 and lets an allowed one in', async () => {
    const probe = (origin: string) =>
      fetch(`${bed.url}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          origin,
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-11-25',
            capabilities: {},
            clientInfo: { name: 'curl', version: '1' },
          },
        }),
      });
    assert.equal((await probe('https://evil.example')).status, 403);
    assert.equal((await probe('https://reader.example')).status, 200);
  });
});
