import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { snippet } from '../../../src/http/sources.ts';
import { sseComment, sseEvent } from '../../../src/http/sse.ts';

describe('sseEvent', () => {
  test('frames a named event with one JSON data line and a blank line', () => {
    assert.equal(sseEvent('token', { text: 'a\nb' }), 'event: token\ndata: {"text":"a\\nb"}\n\n');
  });

  test('refuses an event name with a line break', () => {
    assert.throws(() => sseEvent('done\ndata: x', {}));
  });
});

describe('sseComment', () => {
  test('keeps a comment on one line', () => {
    assert.equal(sseComment('ping\nevent: x'), ': ping event: x\n\n');
  });
});

describe('snippet', () => {
  test('keeps short text whole, with whitespace collapsed', () => {
    assert.equal(snippet('  a\n\n b  '), 'a b');
  });

  test('cuts long text at a word boundary and marks the cut', () => {
    const result = snippet('alpha beta gamma delta', 15);
    assert.equal(result, 'alpha beta…');
  });

  test('cuts hard when there is no space near the limit', () => {
    const result = snippet('x'.repeat(50), 10);
    assert.equal(result, `${'x'.repeat(9)}…`);
  });
});
