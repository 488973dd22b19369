import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { citationSpans, resolveCitations } from '../../../src/http/citation-spans.ts';
import { citedSource } from '../../helpers/fake-deps.ts';

describe('citation markers', () => {
  it('finds each [n] with the span of the marker', () => {
    const text = 'Reducers are pure [1]. Stores hold state [2][1].';
    const markers = citationSpans(text);
    assert.deepEqual(
      markers.map((marker) => [marker.n, text.slice(marker.start, marker.end)]),
      [
        [1, '[1]'],
        [2, '[2]'],
        [1, '[1]'],
      ],
    );
  });

  it('ignores brackets that are not numeric markers', () => {
    assert.deepEqual(citationSpans('a [b] [] [12a] [12345] arr[0 [ [7'), []);
    assert.deepEqual(
      citationSpans('[[3]]').map((marker) => marker.n),
      [3],
    );
  });

  it('skips code, inline or fenced, as the answer service does', () => {
    const text = 'Use `arr[1]` or ``a[2]`` then [3].\n```js\nx[4]\n```\nSee [5].';
    assert.deepEqual(
      citationSpans(text).map((marker) => marker.n),
      [3, 5],
    );
  });

  it('stays linear on long runs of brackets', () => {
    assert.deepEqual(citationSpans('['.repeat(100_000)), []);
  });

  it('resolves markers to the cited sources and drops numbers citing nothing', () => {
    const resolved = resolveCitations({ answer: 'See [2] and [9].', citations: [2, 9] }, [
      citedSource(1),
      citedSource(2),
    ]);
    assert.deepEqual(
      resolved.map((citation) => [citation.n, citation.source.id, citation.start]),
      [[2, 'chunk-2', 4]],
    );
  });
});
