import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capHistory } from '../../../src/answer/history.ts';
import type { ChatMessage } from '../../../src/domain/answer-events.ts';
import { textPieces } from '../../../src/domain/answer-text.ts';

const turns: ChatMessage[] = [
  { role: 'user', content: 'one' },
  { role: 'assistant', content: 'two' },
  { role: 'user', content: 'three' },
];

describe('capHistory', () => {
  it('keeps the newest messages up to the turn limit, oldest first', () => {
    assert.deepEqual(capHistory(turns, 2, 1000), turns.slice(1));
  });

  it('drops older messages that would exceed the character limit', () => {
    assert.deepEqual(capHistory(turns, 10, 7), turns.slice(2));
  });

  it('keeps nothing with a zero limit', () => {
    assert.deepEqual(capHistory(turns, 0, 1000), []);
  });
});

describe('textPieces', () => {
  it('splits text into small pieces that concatenate back to the text', () => {
    const text = 'Reducers are pure functions [1].\n\n```js\nconst a = 1\n```\n';
    const pieces = textPieces(text, 3);
    assert.ok(pieces.length > 3);
    assert.equal(pieces.join(''), text);
  });
});
