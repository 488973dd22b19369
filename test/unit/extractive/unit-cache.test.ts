import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitUnits } from '../../../src/providers/extractive/text-units.ts';
import { createUnitCache } from '../../../src/providers/extractive/unit-cache.ts';

const passage = (n: number) =>
  `## Part ${n}\n\nThe store holds state number ${n}. Call \`dispatch(${n})\` to update it.`;

describe('createUnitCache', () => {
  it('gives the units splitUnits gives, parsing each text once', () => {
    const units = createUnitCache();
    const first = units(passage(1));
    assert.deepEqual(first, splitUnits(passage(1)));
    assert.equal(units(passage(1)), first, 'a second read is served from the cache');
    assert.notEqual(units(passage(2)), first);
  });

  it('holds at most its character bound, evicting the least recently used text', () => {
    const size = (n: number) => {
      const text = passage(n);
      return text.length + splitUnits(text).reduce((sum, u) => sum + u.text.length + u.heading.length, 0);
    };
    // Room for two passages, not three.
    const units = createUnitCache(size(1) + size(2) + 10);
    const one = units(passage(1));
    const two = units(passage(2));
    assert.equal(units(passage(1)), one, 'touching 1 makes 2 the least recently used');
    units(passage(3));
    assert.equal(units(passage(1)), one, '1 was kept');
    assert.notEqual(units(passage(2)), two, '2 was evicted and parsed anew');
  });

  it('does not keep a text larger than the whole bound', () => {
    const units = createUnitCache(10);
    const first = units(passage(1));
    assert.deepEqual(units(passage(1)), first);
    assert.notEqual(units(passage(1)), first);
  });
});
