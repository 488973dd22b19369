import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFixtureBook } from '../helpers/fixture-book.ts';
import { postJson } from '../helpers/http.ts';
import { type RealService, startRealService } from '../helpers/real-service.ts';

/**
 * Inputs that made regexes or the old line scanner backtrack (issue 9): each must cost linear
 * time in every endpoint. Per request, on a real listening server: any non-5xx answer within
 * 250 ms of wall-clock time (after one warm-up request per endpoint). On a machine other
 * processes keep busy, every request is slower: the bound then grows to a multiple of the same
 * endpoint's time for ordinary Markdown of the same size, measured in the same run (a freeze
 * such as the old 38 s one is thousands of times that).
 */
const LIMIT_MS = 250;
const LOAD_ALLOWANCE = 10;

/** Pathological texts of exactly `size` characters. */
const PATTERNS: Record<string, (size: number) => string> = {
  'heading, spaces, letter': (size) => `# a${' '.repeat(size - 4)}b`,
  'open brackets': (size) => '['.repeat(size),
  'image openers': (size) => '!['.repeat(size / 2),
  dots: (size) => '.'.repeat(size),
  'heading of backticks': (size) => `# ${'`'.repeat(size - 2)}`,
  'emphasis runs': (size) => '*a'.repeat(size / 2),
  'underscore runs': (size) => '_a'.repeat(size / 2),
  'tag openers': (size) => '<a '.repeat(Math.floor(size / 3)),
  'nested quotes': (size) => '>'.repeat(size),
  'nested admonitions': (size) => ':::a\n'.repeat(size / 5),
  'table pipes': (size) => `a|b\n-|-\n${'|'.repeat(size - 8)}`,
  'link openers': (size) => '[a]('.repeat(size / 4),
  'one-letter lines': (size) => 'a\n'.repeat(size / 2),
  'dots and spaces before a capital': (size) => `${'. '.repeat(size / 2 - 1)}A`,
};

/** The largest text each field accepts (see src/http/schemas and the search route). */
const QUERY_MAX = 2000;
const MESSAGE_MAX = 8000;
const SELECTION_MAX = 20_000;
/** Documents are ingested at the selection's size: /embed bodies are bounded by BODY_LIMIT only. */
const DOCUMENT_SIZE = 20_000;

/** One endpoint: how a pathological text becomes a request body. Add rows for new endpoints. */
interface EndpointRow {
  path: string;
  body: (text: (size: number) => string) => unknown;
}

const ENDPOINTS: EndpointRow[] = [
  { path: '/search', body: (text) => ({ query: text(QUERY_MAX), top_k: 50 }) },
  {
    path: '/chat',
    body: (text) => ({
      messages: [
        { role: 'user', content: text(MESSAGE_MAX) },
        { role: 'assistant', content: text(MESSAGE_MAX) },
        { role: 'user', content: text(MESSAGE_MAX) },
      ],
      user_id: 'pathological',
      stream: false,
      top_k: 20,
    }),
  },
  {
    path: '/chat/selection',
    body: (text) => ({
      selected_text: text(SELECTION_MAX),
      surrounding_context: text(SELECTION_MAX),
      question: text(QUERY_MAX),
      stream: false,
      top_k: 20,
    }),
  },
  {
    path: '/v1/chat/completions',
    body: (text) => ({
      model: 'docs-chat',
      messages: [
        { role: 'user', content: text(MESSAGE_MAX) },
        { role: 'assistant', content: text(MESSAGE_MAX) },
        { role: 'user', content: text(MESSAGE_MAX) },
      ],
      stream: false,
    }),
  },
  {
    path: '/ai-sdk/chat',
    body: (text) => ({
      id: 'pathological',
      trigger: 'submit-message',
      messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: text(MESSAGE_MAX) }] }],
    }),
  },
  {
    path: '/feedback',
    body: (text) => ({ request_id: 'pathological-request', rating: 'down', comment: text(2000) }),
  },
  {
    path: '/embed',
    body: (text) => ({
      source: `pathological/${text(8).length}-${Math.random()}.md`,
      text: text(DOCUMENT_SIZE),
    }),
  },
];

/** Ordinary Markdown of `size` characters: the yardstick for how busy the machine is. */
const ordinaryMarkdown = (size: number): string =>
  '## Store\n\nThe **store** holds the [state](./state.md) of your app. Call `dispatch(action)` to update it.\n\n- one\n- two\n\n'
    .repeat(Math.ceil(size / 100))
    .slice(0, size);

describe('pathological input costs linear time on every endpoint', () => {
  const book = createFixtureBook();
  let service: RealService;
  /** Each endpoint's time for ordinary Markdown of the same sizes. */
  const baseline = new Map<string, number>();

  /** Wall-clock time of one request, from send until the whole body has arrived. */
  async function timed(path: string, body: unknown): Promise<{ status: number; ms: number }> {
    const started = performance.now();
    const response = await postJson(`${service.url}${path}`, body);
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  }

  /**
   * The fastest of up to three tries: other processes on a shared machine can only add time, while
   * an input that costs more than linear time is slow on every try.
   */
  async function fastest(
    path: string,
    body: () => unknown,
    limit: number,
  ): Promise<{ status: number; ms: number }> {
    let best = await timed(path, body());
    for (let attempt = 1; attempt < 3 && best.ms > limit && best.status < 500; attempt += 1) {
      const next = await timed(path, body());
      if (next.ms < best.ms) best = next;
    }
    return best;
  }

  before(async () => {
    // Rate limits off: every request must reach the parser, not a 429.
    service = await startRealService(book, {
      RATE_LIMIT_ANSWERS_PER_IP: '0',
      RATE_LIMIT_ANSWERS_PER_USER: '0',
      RATE_LIMIT_SEARCH_PER_IP: '0',
      RATE_LIMIT_HEALTH_PER_IP: '0',
    });
    await timed('/embed', { path: '.' });
    // The index holds every pathological text as a page, so answers quote from them too.
    for (const [name, text] of Object.entries(PATTERNS)) {
      const response = await timed('/embed', { source: `hostile/${name}.md`, text: text(DOCUMENT_SIZE) });
      assert.equal(response.status, 200, `ingesting ${name}: ${response.status}`);
    }
    for (const endpoint of ENDPOINTS) {
      await timed(endpoint.path, endpoint.body(ordinaryMarkdown));
      baseline.set(
        endpoint.path,
        (await fastest(endpoint.path, () => endpoint.body(ordinaryMarkdown), 0)).ms,
      );
    }
  });
  after(async () => {
    await service.close();
    book.remove();
  });

  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.path} answers every pathological input within ${LIMIT_MS} ms (or the load allowance)`, async (t) => {
      const slow: string[] = [];
      let worst = { name: '', ms: 0 };
      const ordinary = baseline.get(endpoint.path) ?? 0;
      const limit = Math.max(LIMIT_MS, LOAD_ALLOWANCE * ordinary);
      for (const [name, text] of Object.entries(PATTERNS)) {
        const { status, ms } = await fastest(endpoint.path, () => endpoint.body(text), limit);
        // Answered for real (2xx), so the time measured is the work done on the input.
        assert.ok(status >= 200 && status < 300, `${endpoint.path} ${name}: status ${status}`);
        if (ms > limit) slow.push(`${name}: ${ms.toFixed(0)} ms`);
        if (ms > worst.ms) worst = { name, ms };
      }
      t.diagnostic(
        `${endpoint.path}: worst ${worst.ms.toFixed(0)} ms (${worst.name}); ordinary Markdown ${ordinary.toFixed(0)} ms; limit ${limit.toFixed(0)} ms`,
      );
      assert.deepEqual(slow, [], `${endpoint.path} took longer than ${limit.toFixed(0)} ms`);
    });
  }
});
