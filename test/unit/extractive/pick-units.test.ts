import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pickUnits } from '../../../src/providers/extractive/pick-units.ts';
import type { Candidate } from '../../../src/providers/extractive/sentence-scoring.ts';

const unit = (
  position: number,
  text: string,
  kind: Candidate['unit']['kind'],
  block: number,
  score = 0,
): Candidate => ({
  unit: { kind, text, lang: '', heading: 'H', block, position, emphasized: false },
  n: 1,
  terms: [],
  headingTerms: new Set(),
  boost: 1,
  score,
  matched: new Set(),
});

const limits = { budget: 900, maxUnits: 1, codeBudget: 650, wantCode: false };

describe('pickUnits', () => {
  it('follows a sentence ending in ":" with every item of the list it introduces', () => {
    const candidates = [
      unit(0, 'Redux can be described in three fundamental principles:', 'sentence', 0, 5),
      unit(1, 'Single source of truth', 'item', 1),
      unit(2, 'State is read-only', 'item', 1),
      unit(3, 'Changes are made with pure functions', 'item', 1),
      unit(4, 'An unrelated next paragraph.', 'sentence', 2),
    ];
    const texts = pickUnits(candidates, limits).map((candidate) => candidate.unit.text);
    assert.deepEqual(texts, [
      'Redux can be described in three fundamental principles:',
      'Single source of truth',
      'State is read-only',
      'Changes are made with pure functions',
    ]);
  });

  it('brings only the next unit when a colon introduces a sentence, not a list', () => {
    const candidates = [
      unit(0, 'Install it with:', 'sentence', 0, 5),
      unit(1, 'Run the installer.', 'sentence', 1),
      unit(2, 'Then restart.', 'sentence', 1),
    ];
    assert.equal(pickUnits(candidates, limits).length, 2);
  });

  it('stops the list where the budget ends', () => {
    const candidates = [
      unit(0, 'The options are:', 'sentence', 0, 5),
      unit(1, 'a'.repeat(40), 'item', 1),
      unit(2, 'b'.repeat(40), 'item', 1),
    ];
    assert.equal(pickUnits(candidates, { ...limits, budget: 80 }).length, 2);
  });
});
