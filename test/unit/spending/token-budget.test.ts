import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isExhausted,
  memoryTokenBudget,
  nextUtcMidnight,
  utcDay,
} from '../../../src/spending/token-budget.ts';

describe('memoryTokenBudget', () => {
  it('is exhausted once the day has spent its limit', async () => {
    const budget = memoryTokenBudget(1000);
    await budget.spend(999);
    assert.equal(await isExhausted(budget), false);
    await budget.spend(1);
    assert.equal(await isExhausted(budget), true);
    assert.equal(await budget.usedToday(), 1000);
  });

  it('starts from zero at midnight UTC', async () => {
    let now = new Date('2026-11-30T23:59:59.000Z');
    const budget = memoryTokenBudget(100, () => now);
    await budget.spend(150);
    assert.equal(await isExhausted(budget), true);
    now = new Date('2026-12-01T00:00:00.000Z');
    assert.equal(await budget.usedToday(), 0);
    assert.equal(await isExhausted(budget), false);
  });

  it('never runs out with a limit of 0', async () => {
    const budget = memoryTokenBudget(0);
    await budget.spend(10_000_000);
    assert.equal(await isExhausted(budget), false);
  });
});

describe('UTC days', () => {
  it('names the day and finds its end in UTC, whatever the local zone', () => {
    const late = new Date('2026-11-30T23:30:00.000Z');
    assert.equal(utcDay(late), '2026-11-30');
    assert.equal(nextUtcMidnight(late), Date.parse('2026-12-01T00:00:00.000Z'));
    assert.equal(
      nextUtcMidnight(new Date('2026-12-31T12:00:00.000Z')),
      Date.parse('2027-01-01T00:00:00.000Z'),
    );
  });
});
