import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAnswerService } from '../../../src/answer/create-answer-service.ts';
import type { ChatMessage } from '../../../src/domain/answer-events.ts';
import type { ChatRequest } from '../../../src/domain/answer-service.ts';
import type { Generator } from '../../../src/domain/generator.ts';
import { createExtractiveGenerator } from '../../../src/providers/extractive/extractive-generator.ts';
import { collect, hit, never, pagesStore, RecordingSearch, ScriptedGenerator } from './answer-fakes.ts';

const ask = (content: string, history: ChatMessage[] = [], topK = 3): ChatRequest => ({
  messages: [...history, { role: 'user', content }],
  userId: 'u1',
  topK,
});

function service(
  search: RecordingSearch,
  generator: Generator = new ScriptedGenerator(),
  limits = { turns: 6, chars: 6000 },
) {
  return createAnswerService({
    search,
    store: pagesStore(),
    generator,
    maxHistoryTurns: limits.turns,
    maxHistoryChars: limits.chars,
  });
}

describe('chat answers', () => {
  it('emits sources first, then the text deltas, then exactly one finish last', async () => {
    const search = new RecordingSearch(() => [hit('a'), hit('b')]);
    const events = await collect(service(search).chat(ask('What is a reducer?'), never()));
    assert.deepEqual(
      events.map((event) => event.type),
      ['sources', 'text-delta', 'text-delta', 'finish'],
    );
  });

  it('numbers the retrieved passages 1..k in ranking order', async () => {
    const search = new RecordingSearch(() => [hit('a', 0.9), hit('b', 0.5)]);
    const [first] = await collect(service(search).chat(ask('What is a reducer?'), never()));
    assert.equal(first?.type, 'sources');
    assert.deepEqual(
      first.type === 'sources' && first.sources.map((source) => [source.n, source.id, source.score]),
      [
        [1, 'a', 0.9],
        [2, 'b', 0.5],
      ],
    );
  });

  it('finishes with the whole streamed text, the reason, the mode and the usage', async () => {
    const search = new RecordingSearch(() => [hit('a')]);
    const events = await collect(service(search).chat(ask('What is a reducer?'), never()));
    assert.deepEqual(events.at(-1), {
      type: 'finish',
      answer: 'Answer text [1].',
      finishReason: 'stop',
      mode: 'openai',
      usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
      citations: [1],
    });
  });

  it('says no_context without calling the model when nothing is retrieved', async () => {
    const generator = new ScriptedGenerator();
    const events = await collect(service(new RecordingSearch(), generator).chat(ask('Anything?'), never()));
    assert.deepEqual(events[0], { type: 'sources', sources: [] });
    const finish = events.at(-1);
    assert.equal(finish?.type === 'finish' && finish.finishReason, 'no_context');
    assert.match(finish?.type === 'finish' ? finish.answer : '', /couldn't find/);
    assert.equal(generator.requests.length, 0);
  });

  it('searches with top_k and the standalone query the generator writes from the history', async () => {
    const search = new RecordingSearch(() => [hit('a')]);
    const generator = new ScriptedGenerator();
    generator.rewrite = (_history, question) => `${question} (rewritten)`;
    const history: ChatMessage[] = [
      { role: 'user', content: 'How do I mock dependencies?' },
      { role: 'assistant', content: 'Inject them [1].' },
    ];
    await collect(service(search, generator).chat(ask('and how do I test it?', history, 4), never()));
    assert.deepEqual(generator.rewrites, [{ history, question: 'and how do I test it?' }]);
    assert.deepEqual(search.requests, [{ query: 'and how do I test it? (rewritten)', topK: 4 }]);
  });

  it('does not rewrite a first question', async () => {
    const generator = new ScriptedGenerator();
    await collect(
      service(new RecordingSearch(() => [hit('a')]), generator).chat(ask('What is a store?'), never()),
    );
    assert.equal(generator.rewrites.length, 0);
  });

  it('with the extractive generator, a follow-up retrieves about the earlier topic', async () => {
    const search = new RecordingSearch(() => []);
    const history: ChatMessage[] = [
      { role: 'user', content: 'How should I handle dependencies of thunks?' },
      { role: 'assistant', content: 'Pass dependencies through the extra argument [1].' },
    ];
    const answers = service(search, createExtractiveGenerator());
    await collect(answers.chat(ask('and how do I test it?', history), never()));
    assert.match(search.requests[0]?.query ?? '', /test/);
    assert.match(search.requests[0]?.query ?? '', /dependencies/);
  });

  it('passes only the newest history within the turn and character limits', async () => {
    const generator = new ScriptedGenerator();
    const history: ChatMessage[] = [
      { role: 'user', content: 'old question' },
      { role: 'assistant', content: 'old answer' },
      { role: 'user', content: 'newer question' },
      { role: 'assistant', content: 'newest answer' },
    ];
    const answers = service(new RecordingSearch(() => [hit('a')]), generator, { turns: 3, chars: 30 });
    await collect(answers.chat(ask('and then?', history), never()));
    assert.deepEqual(generator.requests[0]?.history, history.slice(2));
  });

  it('stops at once when aborted mid-stream and emits nothing after the abort', async () => {
    const controller = new AbortController();
    const generator = new ScriptedGenerator();
    const answers = service(new RecordingSearch(() => [hit('a')]), generator);
    const seen: string[] = [];
    for await (const event of answers.chat(ask('What is a reducer?'), controller.signal)) {
      seen.push(event.type);
      if (event.type === 'text-delta') controller.abort();
    }
    assert.deepEqual(seen, ['sources', 'text-delta']);
    assert.equal(generator.returnedEarly, true);
  });

  it('emits nothing when the request is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const events = await collect(
      service(new RecordingSearch(() => [hit('a')])).chat(ask('Q?'), controller.signal),
    );
    assert.deepEqual(events, []);
  });

  it('lets search errors propagate', async () => {
    const failing = new RecordingSearch(() => {
      throw new Error('store down');
    });
    await assert.rejects(collect(service(failing).chat(ask('What is a reducer?'), never())), /store down/);
  });
});
