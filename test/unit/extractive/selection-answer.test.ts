import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CitedSource } from '../../../src/domain/answer-events.ts';
import { createExtractiveGenerator } from '../../../src/providers/extractive/extractive-generator.ts';

const SELECTED = 'The only way to change the state is to emit an action, an object describing what happened.';
const PAGE =
  '## State is read-only\n\n**The only way to change the state is to emit an [action](./Glossary.md), an object describing what happened.**\n\n' +
  'This ensures that neither the views nor the network callbacks will ever write directly to the state. ' +
  'Instead, they express an intent to transform the state.\n\n## Changes are made with pure functions\n\nReducers are pure functions.';

const source = (n: number, text: string): CitedSource => ({
  n,
  id: `c${n}`,
  source: 'ThreePrinciples.md',
  title: 'Three Principles',
  heading: 'Three Principles',
  url: null,
  text,
  score: 1,
});

async function answer(question: string, sources: CitedSource[]): Promise<string> {
  let text = '';
  const request = {
    question,
    history: [],
    sources,
    selection: { text: SELECTED },
    signal: new AbortController().signal,
  };
  for await (const part of createExtractiveGenerator().generate(request))
    if (part.type === 'text-delta') text += part.text;
  return text;
}

describe('extractive selection answers', () => {
  it('adds the sentences that read on from the selection in a retrieved passage, citing that passage', async () => {
    const text = await answer('Why is that a good idea?', [source(1, SELECTED), source(2, PAGE)]);
    assert.match(text, /^The only way to change the state is to emit an action.*\[1\]/);
    assert.match(
      text,
      /This ensures that neither the views nor the network callbacks will ever write directly to the state\./,
    );
    assert.match(text, /to transform the state\. \[2\]/);
  });

  it('does not quote the retrieved copy of the selected sentence again', async () => {
    const text = await answer('Why is that a good idea?', [source(1, SELECTED), source(2, PAGE)]);
    assert.equal(text.match(/The only way to change the state/g)?.length, 1);
  });

  it('finds sentences about the selection when the question itself names nothing', async () => {
    const other = source(
      2,
      'Emitting an action to change the state keeps every change traceable in one place.',
    );
    const text = await answer('Why is that a good idea?', [source(1, SELECTED), other]);
    assert.match(text, /keeps every change traceable in one place\. \[2\]/);
  });

  it('answers with the selection alone when nothing else relates to it', async () => {
    const text = await answer('Why is that a good idea?', [
      source(1, SELECTED),
      source(2, 'Webpack bundles modules.'),
    ]);
    assert.equal(text, `${SELECTED} [1]`);
  });
});
