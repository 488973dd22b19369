import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentInput, PreparedDocument } from '../../../src/domain/document.ts';
import { type PlannedDocument, preparedInOrder } from '../../../src/ingest/prepare-ahead.ts';

const page = (source: string, chars: number, changed = true): PlannedDocument => ({
  input: { source, text: 'x'.repeat(chars) },
  hash: `hash-${source}`,
  changed,
});

describe('preparedInOrder', () => {
  it('yields documents in their order, starts long pages first and skips unchanged ones', async () => {
    const startedOrder: string[] = [];
    const prepare = async (input: DocumentInput) => {
      startedOrder.push(input.source);
      await new Promise((resolve) => setTimeout(resolve, input.text.length > 1000 ? 20 : 1));
      return { source: input.source } as unknown as PreparedDocument;
    };
    const planned = [
      page('a', 10),
      page('b', 10, false),
      page('c', 10),
      page('long', 200_000),
      page('d', 10),
    ];
    const seen: Array<[string, string | null]> = [];
    for await (const { planned: entry, document } of preparedInOrder(planned, prepare, 1)) {
      seen.push([entry.input.source, document ? document.source : null]);
    }
    assert.deepEqual(seen, [
      ['a', 'a'],
      ['b', null],
      ['c', 'c'],
      ['long', 'long'],
      ['d', 'd'],
    ]);
    assert.equal(startedOrder[0], 'long', 'the long page is sent to the workers first');
    assert.ok(!startedOrder.includes('b'), 'an unchanged page is not prepared');
  });

  it('passes a failed preparation on to the reader, in its place', async () => {
    const prepare = async (input: DocumentInput) => {
      if (input.source === 'bad') throw new Error('bad page');
      return { source: input.source } as unknown as PreparedDocument;
    };
    const read: string[] = [];
    await assert.rejects(async () => {
      for await (const { planned: entry } of preparedInOrder([page('ok', 5), page('bad', 5)], prepare, 2))
        read.push(entry.input.source);
    }, /bad page/);
    assert.deepEqual(read, ['ok']);
  });
});
