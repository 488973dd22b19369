import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CitationFilter } from '../../../src/domain/citation-markers.ts';

/** Streams `pieces` through a filter for sources 1..3; returns what each push released and the rest. */
const stream = (pieces: string[]) => {
  const filter = new CitationFilter([1, 2, 3]);
  const released = pieces.map((piece) => filter.push(piece));
  released.push(filter.flush());
  return { released, text: released.join(''), cited: filter.cited };
};

describe('CitationFilter', () => {
  it('keeps markers of sent sources and removes the others', () => {
    const { text, cited } = stream(['Reducers are pure [1][7]. Use them [3] not [0] or [12].']);
    assert.equal(text, 'Reducers are pure [1]. Use them [3] not  or .');
    assert.deepEqual(cited, [1, 3]);
  });

  it('handles markers split across pieces, holding back only the unfinished tail', () => {
    const { released, text, cited } = stream(['See [', '2', '] and [', '9] then [1', ']', '.']);
    assert.deepEqual(released, ['See ', '', '[2] and ', ' then ', '[1]', '.', '']);
    assert.equal(text, 'See [2] and  then [1].');
    assert.deepEqual(cited, [1, 2]);
  });

  it('passes brackets that are not markers through unchanged and at once', () => {
    const { released, text, cited } = stream(['array[i] and [x]', ' and [] and [12345] ok']);
    assert.deepEqual(released.slice(0, 2), ['array[i] and [x]', ' and [] and [12345] ok']);
    assert.equal(text, 'array[i] and [x] and [] and [12345] ok');
    assert.deepEqual(cited, []);
  });

  it('releases an unfinished marker as text when the answer ends', () => {
    const { released, cited } = stream(['cut short [2']);
    assert.deepEqual(released, ['cut short ', '[2']);
    assert.deepEqual(cited, []);
  });

  it('leaves code alone, inline or fenced, even when a backtick run spans two pieces', () => {
    const { text, cited } = stream([
      'Use `arr[7]` [1].\n``',
      '`js\nconst x = list[0][2];\n``',
      '`\nThen [9] [2].',
    ]);
    assert.equal(text, 'Use `arr[7]` [1].\n```js\nconst x = list[0][2];\n```\nThen  [2].');
    assert.deepEqual(cited, [1, 2]);
  });

  it('lists each cited source once, ascending', () => {
    assert.deepEqual(stream(['[3] [1] [3] [2]']).cited, [1, 2, 3]);
  });
});
