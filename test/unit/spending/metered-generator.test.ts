import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GenerationPart, Generator } from '../../../src/domain/generator.ts';
import { AppError } from '../../../src/errors.ts';
import { meterEmbedder } from '../../../src/spending/metered-embedder.ts';
import { meterGenerator } from '../../../src/spending/metered-generator.ts';
import { memoryTokenBudget } from '../../../src/spending/token-budget.ts';

const PROMPT_ESTIMATE = 100;

/** A generator streaming `parts`, then failing with `error` if given. */
function scripted(parts: GenerationPart[], error?: Error): Generator {
  return {
    mode: 'openai',
    async *generate() {
      for (const part of parts) yield part;
      if (error) throw error;
    },
    standaloneQuery: async () => 'standalone query',
    ping: async () => {},
  };
}

function metered(inner: Generator, limit = 10_000) {
  const budget = memoryTokenBudget(limit);
  const errors: unknown[] = [];
  const generator = meterGenerator(inner, {
    budget,
    estimate: { answer: () => PROMPT_ESTIMATE, query: () => 40 },
    onSpendError: (error) => errors.push(error),
  });
  return { generator, budget, errors };
}

const request = (signal = new AbortController().signal) => ({
  question: 'q',
  history: [],
  sources: [],
  signal,
});

const drain = async (parts: AsyncIterable<GenerationPart>) => {
  for await (const _ of parts);
};

const usage = { prompt_tokens: 300, completion_tokens: 20, total_tokens: 320 };

describe('meterGenerator', () => {
  it('counts the usage the model reports', async () => {
    const { generator, budget } = metered(
      scripted([
        { type: 'text-delta', text: 'An answer [1].' },
        { type: 'finish', finishReason: 'stop', usage },
      ]),
    );
    await drain(generator.generate(request()));
    assert.equal(await budget.usedToday(), 320);
  });

  it('estimates prompt and text when no usage is reported', async () => {
    const { generator, budget } = metered(
      scripted([
        { type: 'text-delta', text: '12345678' },
        { type: 'finish', finishReason: 'stop', usage: null },
      ]),
    );
    await drain(generator.generate(request()));
    assert.equal(await budget.usedToday(), PROMPT_ESTIMATE + 2);
  });

  it('counts a stream cut short after it started, since the upstream bills it anyway', async () => {
    const { generator, budget } = metered(
      scripted([{ type: 'text-delta', text: '1234' }], new AppError('upstream_unavailable', 'cut')),
    );
    await assert.rejects(drain(generator.generate(request())));
    assert.equal(await budget.usedToday(), PROMPT_ESTIMATE + 1);
  });

  it('counts nothing for a request refused before any output', async () => {
    const { generator, budget } = metered(scripted([], new AppError('upstream_unavailable', 'down')));
    await assert.rejects(drain(generator.generate(request())));
    assert.equal(await budget.usedToday(), 0);
  });

  it('counts a client that leaves mid-answer', async () => {
    const controller = new AbortController();
    const { generator, budget } = metered(
      scripted([
        { type: 'text-delta', text: 'abcd' },
        { type: 'text-delta', text: 'efgh' },
        { type: 'finish', finishReason: 'stop', usage },
      ]),
    );
    for await (const _ of generator.generate(request(controller.signal))) {
      controller.abort();
      break;
    }
    assert.equal(await budget.usedToday(), PROMPT_ESTIMATE + 1);
  });

  it('refuses to start once the budget is spent, and rewrites no query', async () => {
    const { generator, budget } = metered(scripted([{ type: 'finish', finishReason: 'stop', usage }]), 50);
    await budget.spend(50);
    await assert.rejects(drain(generator.generate(request())), (error: unknown) => {
      assert.equal((error as AppError).code, 'budget_exhausted');
      return true;
    });
    const history = [{ role: 'user' as const, content: 'earlier' }];
    assert.equal(
      await generator.standaloneQuery(history, 'and then?', new AbortController().signal),
      'and then?',
    );
    assert.equal(await budget.usedToday(), 50);
  });

  it('counts a query rewrite: its prompt and the query it returns', async () => {
    const { generator, budget } = metered(scripted([]));
    const history = [{ role: 'user' as const, content: 'earlier' }];
    await generator.standaloneQuery(history, 'and then?', new AbortController().signal);
    assert.equal(await budget.usedToday(), 40 + Math.ceil('standalone query'.length / 4));
  });
});

describe('meterEmbedder', () => {
  const inner = {
    model: 'm',
    dimension: async () => 2,
    embed: async (texts: string[]) => texts.map(() => [1, 0]),
    ping: async () => {},
  };

  it('counts query embeddings at 4 characters per token', async () => {
    const budget = memoryTokenBudget(1000);
    await meterEmbedder(inner, budget, () => {}).embed(['12345678', '123']);
    assert.equal(await budget.usedToday(), 3);
  });

  it('refuses once the budget is spent, so search falls back to keywords', async () => {
    const budget = memoryTokenBudget(10);
    await budget.spend(10);
    await assert.rejects(meterEmbedder(inner, budget, () => {}).embed(['q']), /budget/);
  });
});
