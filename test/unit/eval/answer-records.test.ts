import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerRecord, formatMisses } from '../../../eval/answer-records.ts';
import type { WireAnswer } from '../../../eval/service-client.ts';

const answer = (text: string): WireAnswer => ({
  answer: text,
  finish_reason: 'stop',
  mode: 'extractive',
  sources: [
    { n: 1, source: 'a.md', heading: 'A > Intro', text: 'nothing relevant' },
    { n: 2, source: 'b.md', heading: 'B > Alias', text: 'Then you can declare an `alias`.' },
  ],
});
const input = { id: 'q1', type: 'howto', question: 'How do I alias?', key: 'declare an alias' };

test('answerRecord lists the sources whose text holds the key', () => {
  const record = answerRecord({ ...input, answer: answer('Something else [1]') });
  assert.equal(record.keyInAnswer, false);
  assert.deepEqual(record.keyInSources, [2]);
  assert.deepEqual(record.sources[1], { n: 2, source: 'b.md', heading: 'B > Alias' });
});

test('answerRecord marks an answer that quotes the key', () => {
  const record = answerRecord({ ...input, answer: answer('You can *declare* an `alias` [2]') });
  assert.equal(record.keyInAnswer, true);
});

test('formatMisses prints only misses, with the sources and where the key was', () => {
  const hit = answerRecord({ ...input, id: 'hit', answer: answer('declare an alias [2]') });
  const miss = answerRecord({ ...input, id: 'miss', answer: answer('Something else [1]') });
  const text = formatMisses([hit, miss]);
  assert.match(text, /^1 of 2 answers miss the key/);
  assert.match(text, /MISS miss \(howto, stop, key in snippet \[2\]\)/);
  assert.match(text, /\[2\] b\.md › B > Alias/);
  assert.doesNotMatch(text, /MISS hit/);
});

test('formatMisses says where /search ranked the key when it was searched', () => {
  const ranked = answerRecord({ ...input, answer: answer('Something else [1]'), keySearchRank: 7 });
  const absent = answerRecord({
    ...input,
    id: 'q2',
    answer: answer('Something else [1]'),
    keySearchRank: null,
  });
  const text = formatMisses([ranked, absent]);
  assert.match(text, /MISS q1 \(howto, stop, key at search rank 7, key in snippet \[2\]\)/);
  assert.match(text, /MISS q2 \(howto, stop, key not in search top 10, key in snippet \[2\]\)/);
});
