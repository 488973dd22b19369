import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuseKeywordAndVector, RRF_K, reciprocalRankFusion } from '../../../src/domain/fusion.ts';

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

  it('applies a weight by stretching ranks, as Qdrant does: 1/(k + rank/weight)', () => {
    const fused = reciprocalRankFusion([['a'], ['b', 'c']], { weights: [1, 3] });
    assert.equal(fused[0]?.id, 'b');
    assert.equal(fused[0]?.score, 1 / (RRF_K + 1 / 3));
    assert.equal(fused.find((item) => item.id === 'c')?.score, 1 / (RRF_K + 2 / 3));
  });

  it('with k = 0 scores a weighted ranking as weight / rank', () => {
    const fused = reciprocalRankFusion([[], ['a', 'b']], { k: 0, weights: [1, 0.25] });
    assert.deepEqual(
      fused.map((item) => item.score),
      [0.25, 0.125],
    );
  });

  it('lists the ids of a ranking weighted 0 at score 0, as Qdrant does', () => {
    const fused = reciprocalRankFusion([['a'], ['b']], { weights: [1, 0] });
    assert.deepEqual(fused, [
      { id: 'a', score: 1 / (RRF_K + 1) },
      { id: 'b', score: 0 },
    ]);
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

describe('fuseKeywordAndVector', () => {
  const keyword = Array.from({ length: 40 }, (_, i) => `k${i + 1}`);
  const ids = (items: { id: string }[]) => items.map((item) => item.id);

  it('never moves keyword rank 1 with the default, whatever the vector ranking', () => {
    const adversarial = [['k2', 'k3'], ['k5', 'k4', 'k6'], ['v1', 'v2', 'k5'], [...keyword].reverse()];
    for (const vector of adversarial) {
      assert.equal(fuseKeywordAndVector(keyword, vector)[0]?.id, 'k1', vector.join());
    }
  });

  it('never lets vector-only hits pass keyword rank 4 with the default', () => {
    const top = ids(fuseKeywordAndVector(keyword, ['v1', 'v2', 'v3']).slice(0, 4));
    assert.deepEqual(top, ['k1', 'k2', 'k3', 'k4']);
  });

  it('puts a vector-only hit at vector rank 1 fifth with the default: above keyword rank 5', () => {
    const top = ids(fuseKeywordAndVector(keyword, ['v1']).slice(0, 6));
    assert.deepEqual(top, ['k1', 'k2', 'k3', 'k4', 'v1', 'k5']);
  });

  it('follows the configured k and vector weight', () => {
    // Equal weights, k = 60: the vector's first hit ties keyword rank 1 and keeps first-seen order after it.
    const fused = fuseKeywordAndVector(['a', 'b'], ['c', 'b'], { k: 60, vectorWeight: 1 });
    assert.deepEqual(ids(fused), ['b', 'a', 'c']);
    assert.equal(fused[0]?.score, 1 / 62 + 1 / 62);
    // A vector weight of 0.105 puts vector rank 1 between keyword ranks 9 and 10 (k = 0).
    const weak = ids(fuseKeywordAndVector(keyword, ['v1'], { k: 0, vectorWeight: 0.105 }));
    assert.equal(weak.indexOf('v1'), 9);
  });

  it('lifts a chunk both rankings found above a keyword neighbour that only keywords found', () => {
    const top = ids(fuseKeywordAndVector(keyword, ['k6']).slice(0, 6));
    assert.deepEqual(top, ['k1', 'k2', 'k6', 'k3', 'k4', 'k5']);
  });
});
