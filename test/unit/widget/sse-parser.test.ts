import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSseParser, type SseEvent } from '../../../src/widget/sse-parser.ts';

const STREAM =
  ': ping\n\n' +
  'event: sources\ndata: {"sources":[{"n":1}]}\n\n' +
  'event: token\ndata: {"text":"héllo 👋"}\r\n\r\n' +
  'event: token\rdata: {"text":" world"}\r\r' +
  'data: line one\ndata: line two\n\n' +
  'event: done\ndata: {"answer":"héllo 👋 world"}\n\n';

const EXPECTED: Pick<SseEvent, 'event' | 'data'>[] = [
  { event: 'sources', data: '{"sources":[{"n":1}]}' },
  { event: 'token', data: '{"text":"héllo 👋"}' },
  { event: 'token', data: '{"text":" world"}' },
  { event: 'message', data: 'line one\nline two' },
  { event: 'done', data: '{"answer":"héllo 👋 world"}' },
];

function parse(pieces: string[]): Pick<SseEvent, 'event' | 'data'>[] {
  const events: Pick<SseEvent, 'event' | 'data'>[] = [];
  const parser = createSseParser(({ event, data }) => events.push({ event, data }));
  for (const piece of pieces) parser.feed(piece);
  parser.end();
  return events;
}

describe('SSE parser', () => {
  test('parses a whole stream: named events, comments skipped, multi-line data, LF/CRLF/CR line ends', () => {
    assert.deepEqual(parse([STREAM]), EXPECTED);
  });

  test('gives the same events however the stream is split into chunks (every split point)', () => {
    for (let cut = 1; cut < STREAM.length; cut++) {
      assert.deepEqual(parse([STREAM.slice(0, cut), STREAM.slice(cut)]), EXPECTED, `split at ${cut}`);
    }
  });

  test('gives the same events fed one character at a time, a CRLF split across chunks counting once', () => {
    assert.deepEqual(parse([...STREAM]), EXPECTED);
    assert.deepEqual(parse(['data: a\r', '\n', '\r', '\ndata: b\n\n']), [
      { event: 'message', data: 'a' },
      { event: 'message', data: 'b' },
    ]);
  });

  test('drops an event the stream cut off before its blank line', () => {
    assert.deepEqual(parse(['event: token\ndata: {"text":"a"}\n\nevent: token\ndata: {"te']), [
      { event: 'token', data: '{"text":"a"}' },
    ]);
  });

  test('ignores a leading byte-order mark and a field without a colon', () => {
    assert.deepEqual(parse(['\uFEFFdata\ndata: x\n\n']), [{ event: 'message', data: '\nx' }]);
  });
});
