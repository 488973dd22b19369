import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage, CitedSource } from '../../../src/domain/answer-events.ts';
import { answerPromptTokens, queryPromptTokens } from '../../../src/providers/openai/prompt-tokens.ts';
import { fitAnswerInput, fitQueryHistory, type PromptInput } from '../../../src/spending/prompt-fit.ts';

const size = (maxTokens: number) => ({ maxTokens, answer: answerPromptTokens, query: queryPromptTokens });

const source = (n: number, chars: number): CitedSource => ({
  n,
  id: `chunk-${n}`,
  source: `docs/page-${n}.md`,
  title: `Page ${n}`,
  heading: `Section ${n}`,
  url: null,
  text: `source ${n} `.padEnd(chars, 'x'),
  score: 1 / n,
});

const turns = (count: number, chars: number): ChatMessage[] =>
  Array.from({ length: count }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `turn ${i} `.padEnd(chars, 'y'),
  }));

/** The largest /chat/selection the schemas accept: 20k selection and context, 20 chunks of 2,500 chars. */
const maximalSelection = (): PromptInput => {
  const selected = 'S'.repeat(20_000);
  const context = 'C'.repeat(20_000);
  return {
    question: 'Q'.repeat(2000),
    history: turns(6, 1000),
    sources: [
      { ...source(1, 0), text: `${selected}\n\n(Surrounding context: ${context})` },
      ...Array.from({ length: 20 }, (_, i) => source(i + 2, 2500)),
    ],
    selection: { text: selected, context },
  };
};

describe('fitAnswerInput', () => {
  it('leaves a request that fits untouched', () => {
    const input: PromptInput = {
      question: 'What is a reducer?',
      history: turns(2, 200),
      sources: [source(1, 1500)],
    };
    assert.equal(fitAnswerInput(input, size(8000)), input);
  });

  it('brings the largest selection request under the budget, measured on the real prompt', () => {
    const input = maximalSelection();
    assert.ok(answerPromptTokens(input) > 25_000, `precondition: ${answerPromptTokens(input)} tokens`);
    for (const budget of [4000, 8000, 16_000]) {
      const tokens = answerPromptTokens(fitAnswerInput(input, size(budget)));
      assert.ok(tokens <= budget, `${tokens} > ${budget}`);
      assert.ok(tokens > budget * 0.9, `${tokens} wastes the ${budget} budget`);
    }
  });

  it('gives up the oldest history first and keeps the newest turns', () => {
    const input: PromptInput = { question: 'and then?', history: turns(6, 2000), sources: [source(1, 1000)] };
    const fitted = fitAnswerInput(input, size(answerPromptTokens(input) - 600));
    assert.deepEqual(fitted.history, input.history.slice(2));
    assert.deepEqual(fitted.sources, input.sources);
  });

  it('then the surrounding context, then the lowest-ranked sources, keeping source [1]', () => {
    const input = maximalSelection();
    const fitted = fitAnswerInput({ ...input, history: [] }, size(8000));
    assert.equal(fitted.selection?.context, undefined);
    assert.equal(fitted.sources[0]?.n, 1);
    assert.deepEqual(
      fitted.sources.map((s) => s.n),
      input.sources.slice(0, fitted.sources.length).map((s) => s.n),
    );
    assert.ok(fitted.sources[0]?.text.startsWith('SSSS'), 'the selection itself is what stays');
  });

  it('never cuts the question while anything else can go', () => {
    const fitted = fitAnswerInput(maximalSelection(), size(4000));
    assert.equal(fitted.question, 'Q'.repeat(2000));
  });

  it('does not split a surrogate pair when it clips', () => {
    const emoji = '😀'.repeat(10_000);
    const fitted = fitAnswerInput(
      { question: 'why?', history: [], sources: [{ ...source(1, 0), text: emoji }] },
      size(4000),
    );
    const text = fitted.sources[0]?.text ?? '';
    assert.ok(text.length > 0 && text.length % 2 === 0, `clipped to ${text.length} units`);
    assert.equal(Buffer.from(text, 'utf8').toString('utf8'), text, 'no lone surrogate');
  });
});

describe('fitQueryHistory', () => {
  it('drops the oldest turns until the rewrite prompt fits', () => {
    const history = turns(10, 4000);
    const kept = fitQueryHistory(history, 'and the second one?', size(4000));
    assert.ok(kept.length > 0 && kept.length < history.length);
    assert.deepEqual(kept, history.slice(history.length - kept.length));
    assert.ok(queryPromptTokens(kept, 'and the second one?') <= 4000);
  });
});
