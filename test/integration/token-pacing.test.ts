import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createParser } from 'eventsource-parser';
import { createFixtureBook } from '../helpers/fixture-book.ts';
import { postJson } from '../helpers/http.ts';
import { type OpenAITestServer, startOpenAITestServer } from '../helpers/openai-test-server.ts';
import { type RealService, startModelService } from '../helpers/real-service.ts';

const GAP_MS = 150;
const PIECES = ['compose ', 'runs ', 'functions ', 'right to left [1].'];

/** Tokens are passed on as they come: one `token` event per upstream chunk, the upstream's gaps kept. */
describe('token pacing over HTTP', () => {
  const book = createFixtureBook();
  let openai: OpenAITestServer;
  let service: RealService;

  before(async () => {
    openai = await startOpenAITestServer({ chunkDelayMs: GAP_MS });
    service = await startModelService(book, openai);
  });
  after(async () => {
    await service.close();
    await openai.close();
    book.remove();
  });

  it('forwards every chunk as its own token event without holding it for the next', async () => {
    openai.enqueue({ path: '/v1/chat/completions', kind: 'reply', text: PIECES.join(''), pieces: PIECES });
    const response = await postJson(`${service.url}/chat`, {
      messages: [{ role: 'user', content: 'What does compose do?' }],
      user_id: 'r',
    });
    const tokens: { text: string; at: number }[] = [];
    const parser = createParser({
      onEvent: (event) => {
        if (event.event === 'token')
          tokens.push({ text: JSON.parse(event.data).text, at: performance.now() });
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? []) parser.feed(decoder.decode(chunk, { stream: true }));
    assert.deepEqual(
      tokens.map((token) => token.text),
      PIECES,
    );
    // Half the upstream gap: generous for a loaded machine, far above what coalescing would leave (~0).
    const gaps = tokens.slice(1).map((token, index) => token.at - (tokens[index]?.at ?? 0));
    assert.ok(
      gaps.every((gap) => gap >= GAP_MS / 2),
      `gaps ${gaps.map((gap) => gap.toFixed(0)).join(', ')} ms`,
    );
  });
});
