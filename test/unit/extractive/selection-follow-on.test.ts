import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  followingSelection,
  repeatsSelection,
  withSelectionTerms,
} from '../../../src/providers/extractive/selection-follow-on.ts';
import type { Candidate } from '../../../src/providers/extractive/sentence-scoring.ts';

const unit = (
  n: number,
  position: number,
  text: string,
  kind: Candidate['unit']['kind'] = 'sentence',
  heading = 'H',
): Candidate => ({
  unit: { kind, text, lang: '', heading, block: 0, position, emphasized: false },
  n,
  terms: [],
  headingTerms: new Set(),
  boost: 1,
  score: 0,
  matched: new Set(),
});

describe('selection follow-on', () => {
  it('treats a retrieved unit as a repeat of the selection despite Markdown and case', () => {
    assert.equal(
      repeatsSelection(unit(2, 0, 'Emit an **action**, then.'), 'you must emit an action then'),
      true,
    );
    assert.equal(repeatsSelection(unit(1, 0, 'Emit an action'), 'emit an action'), false);
  });

  it('returns the units after the last selected unit of the best-ranked passage holding it', () => {
    const candidates = [
      unit(3, 0, 'Emit an action.'),
      unit(3, 1, 'Elsewhere.'),
      unit(2, 4, 'Emit an action.'),
      unit(2, 5, 'This ensures order.'),
      unit(2, 6, 'code', 'code'),
      unit(2, 7, 'No races.'),
      unit(2, 8, 'Third.'),
    ];
    const texts = followingSelection(candidates, 'Emit an action.', 2).map((c) => c.unit.text);
    assert.deepEqual(texts, ['This ensures order.', 'No races.']);
  });

  it('stays inside the section where the selection was found', () => {
    const candidates = [unit(2, 0, 'Emit an action.'), unit(2, 1, 'Next section.', 'sentence', 'Other')];
    assert.deepEqual(followingSelection(candidates, 'Emit an action.', 2), []);
  });

  it('adds selection words below the question words', () => {
    const query = withSelectionTerms(new Map([['good', 1]]), 'Emit a good action', 0.5);
    assert.equal(query.get('good'), 1);
    assert.equal(query.get('emit'), 0.5);
  });
});
