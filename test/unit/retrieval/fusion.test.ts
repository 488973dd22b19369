import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RRF_K, reciprocalRankFusion } from '../../../src/retrieval/fusion.ts';

describe('reciprocalRankFusion', () => {
  it('scores an id as the sum of 1/(k + rank) over the rankings that contain it', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b'],
      ['b', 'c'],
    ]);
    const score = Object.fromEntries(fused.map((item) => [item.id, item.score]));
    assert.equal(score.a, 1 / (RRF_K + 1));
    assert.equal(score.b, 1 / (RRF_K + 2) + 1 / (RRF_K + 1));
    assert.equal(score.c, 1 / (RRF_K + 2));
  });

  it('puts an id found by both rankings above ids found by only one', () => {
    const fused = reciprocalRankFusion([
      ['a', 'shared', 'b'],
      ['c', 'shared', 'd'],
    ]);
    assert.equal(fused[0]?.id, 'shared');
  });

  it('returns results best first', () => {
    const fused = reciprocalRankFusion([[3, 2, 1], [1]]);
    const scores = fused.map((item) => item.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
  });

  it('keeps first-seen order for equal scores', () => {
    const fused = reciprocalRankFusion([['x'], ['y']]);
    assert.deepEqual(
      fused.map((item) => item.id),
      ['x', 'y'],
    );
  });

  it('counts an id repeated within one ranking only at its best rank', () => {
    const fused = reciprocalRankFusion([['a', 'a', 'b']]);
    assert.equal(fused.find((item) => item.id === 'a')?.score, 1 / (RRF_K + 1));
    assert.equal(fused.find((item) => item.id === 'b')?.score, 1 / (RRF_K + 3));
  });

  it('applies per-ranking weights', () => {
    const fused = reciprocalRankFusion([['a'], ['b']], { weights: [1, 3] });
    assert.equal(fused[0]?.id, 'b');
    assert.equal(fused[0]?.score, 3 / (RRF_K + 1));
  });

  it('uses a custom k', () => {
    const fused = reciprocalRankFusion([['a']], { k: 0 });
    assert.equal(fused[0]?.score, 1);
  });

  it('gives an empty result for no rankings or empty rankings', () => {
    assert.deepEqual(reciprocalRankFusion([]), []);
    assert.deepEqual(reciprocalRankFusion([[], []]), []);
  });

  it('rejects a negative k', () => {
    assert.throws(() => reciprocalRankFusion([['a']], { k: -1 }), RangeError);
  });
});
