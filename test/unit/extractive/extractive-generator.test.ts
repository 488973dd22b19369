import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CitedSource } from '../../../src/domain/answer-events.ts';
import type { GenerationPart, GenerationRequest } from '../../../src/domain/generator.ts';
import { createExtractiveGenerator } from '../../../src/providers/extractive/extractive-generator.ts';

const source = (n: number, text: string, overrides: Partial<CitedSource> = {}): CitedSource => ({
  n,
  id: `c${n}`,
  source: `page-${n}.md`,
  title: `Page ${n}`,
  heading: 'Section',
  url: null,
  text,
  score: 1,
  ...overrides,
});

const SOURCES = [
  source(
    1,
    'Composes functions from right to left. This is a functional programming utility. You might want to use it to apply several store enhancers in a row.',
    { title: 'compose' },
  ),
  source(
    2,
    'A reducer is a pure function. It takes the previous state and an action.\n\n```js\nfunction counter(state = 0, action) {\n  return state + 1\n}\n```',
    { title: 'Reducers' },
  ),
];

const request = (question: string, overrides: Partial<GenerationRequest> = {}): GenerationRequest => ({
  question,
  history: [],
  sources: SOURCES,
  signal: new AbortController().signal,
  ...overrides,
});

async function run(generatorRequest: GenerationRequest, options = {}) {
  const parts: GenerationPart[] = [];
  for await (const part of createExtractiveGenerator(options).generate(generatorRequest)) parts.push(part);
  const text = parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
  return { parts, text, finish: parts.at(-1) };
}

describe('extractive generator', () => {
  it('quotes the best matching sentence with its citation', async () => {
    const { text, finish } = await run(request('In what order does compose apply functions?'));
    assert.match(text, /Composes functions from right to left\./);
    assert.match(text, /\[1\]/);
    assert.deepEqual(finish, { type: 'finish', finishReason: 'stop', usage: null });
  });

  it('cites only sources it was given', async () => {
    const { text } = await run(request('What does a reducer take and what does compose do?'));
    const cited = [...text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    assert.ok(cited.length > 0);
    for (const n of cited) assert.ok(n === 1 || n === 2, `cites [${n}]`);
  });

  it('streams the answer in several small pieces', async () => {
    const { parts } = await run(request('In what order does compose apply functions?'));
    const deltas = parts.filter((part) => part.type === 'text-delta');
    assert.ok(deltas.length >= 3, `${deltas.length} pieces`);
    assert.ok(deltas.every((part) => part.type === 'text-delta' && part.text.split(/\s+/).length <= 6));
  });

  it('says no_context honestly when no passage shares a term with the question', async () => {
    const { text, finish } = await run(request('Which orchestra tuning frequency is standard?'));
    assert.equal(finish?.type === 'finish' && finish.finishReason, 'no_context');
    assert.match(text, /couldn't find this in the book/);
  });

  it('says no_context when the question names something the passages never mention', async () => {
    const { finish } = await run(request('How do I use a reducer with Svelte stores?'));
    assert.equal(finish?.type === 'finish' && finish.finishReason, 'no_context');
  });

  it('quotes code when the question asks how, and not otherwise', async () => {
    const how = await run(request('How do I write a counter reducer function?'));
    assert.match(how.text, /```js\nfunction counter/);
    const what = await run(request('What is a reducer function?'));
    assert.doesNotMatch(what.text, /```/);
  });

  it('quotes the sentence next to the best match even when it shares no word with the question', async () => {
    const text1 =
      'A query key like item-query is not a valid Python name. The closest would be item_query. Then you can declare an alias for it.';
    const { text } = await run(
      request('My query key item-query is not a valid name', { sources: [source(1, text1)] }),
      {
        maxUnits: 1,
      },
    );
    assert.match(text, /Then you can declare an alias for it\./);
  });

  it('opens with a run of one passage, preferring the higher-ranked passage on a tie', async () => {
    const same = 'Selectors read state from the store. They can be memoized.';
    const { text } = await run(
      request('How do selectors read state?', { sources: [source(1, same), source(2, same)] }),
    );
    assert.match(text, /^Selectors read state from the store\. They can be memoized\. \[1\]/);
  });

  it('brings along the code block a quoted sentence introduces, even for a non-how question', async () => {
    const pinned = 'To pin the version, write in requirements.txt:\n\n```\nfastapi>=0.112.0,<0.113.0\n```';
    const { text } = await run(request('pin version in requirements.txt', { sources: [source(1, pinned)] }));
    assert.match(text, /```\nfastapi>=0\.112\.0,<0\.113\.0\n```/);
  });

  it('prefers a sentence over a bare further-reading link', async () => {
    const links = '- [Reducers explained](https://example.com/reducers)';
    const prose = 'Reducers are explained by the pure function rule.';
    const sources = [source(1, links), source(2, prose)];
    const { text } = await run(request('reducers explained', { sources }), { budget: 80 });
    assert.match(text, /^Reducers are explained by the pure function rule\. \[2\]/);
  });

  it('keeps the quoted prose within the length budget', async () => {
    const long = Array.from(
      { length: 30 },
      (_, i) => `Reducers compute state number ${i} from actions.`,
    ).join(' ');
    const { text } = await run(request('How do reducers compute state?', { sources: [source(1, long)] }), {
      budget: 200,
    });
    assert.ok(text.length <= 200 + 10, `${text.length} chars`);
    assert.match(text, /Reducers compute state/);
  });

  it('answers a selection from the selection first', async () => {
    const selection = 'Thunks let you write async logic. They receive dispatch and getState.';
    const sources = [source(1, selection), source(2, 'Thunks are functions that dispatch actions later.')];
    const { text } = await run(request('What does this mean?', { sources, selection: { text: selection } }));
    assert.match(text, /^Thunks let you write async logic\./);
    assert.match(text, /\[1\]/);
  });

  it('quotes the selection even when the question shares no word with it', async () => {
    const selection = 'Since the beginning, the option accepted an array. That skipped the defaults.';
    const { text, finish } = await run(
      request('Why was this changed?', { sources: [source(1, selection)], selection: { text: selection } }),
    );
    assert.equal(finish?.type === 'finish' && finish.finishReason, 'stop');
    assert.match(text, /That skipped the defaults\. \[1\]/);
  });

  it('stops without a finish when aborted', async () => {
    const controller = new AbortController();
    const parts: GenerationPart[] = [];
    const generator = createExtractiveGenerator();
    for await (const part of generator.generate(
      request('In what order does compose apply functions?', { signal: controller.signal }),
    )) {
      parts.push(part);
      controller.abort();
    }
    assert.equal(parts.length, 1);
    assert.equal(parts[0]?.type, 'text-delta');
  });

  it('reports extractive mode, pings without work and rewrites follow-ups locally', async () => {
    const generator = createExtractiveGenerator();
    assert.equal(generator.mode, 'extractive');
    await generator.ping();
    const history = [{ role: 'user' as const, content: 'How do reducers handle dependencies?' }];
    const query = await generator.standaloneQuery(
      history,
      'and how do I test it?',
      new AbortController().signal,
    );
    assert.match(query, /dependencies/);
  });
});
