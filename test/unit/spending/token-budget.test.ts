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

describe('memoryTokenBudget.admit', () => {
  it("admits an answer only while its worst case fits beside today's count", async () => {
    const budget = memoryTokenBudget(1000);
    await budget.spend(400);
    assert.equal((await budget.admit(600)).kind, 'admitted');
    assert.equal((await memoryTokenBudget(1000).admit(1001)).kind, 'exhausted');
    await budget.spend(1);
    assert.equal((await budget.admit(600)).kind, 'exhausted');
  });

  it('keeps concurrent answers from overrunning the limit together, until they are released', async () => {
    const budget = memoryTokenBudget(1000);
    const first = await budget.admit(600);
    assert.equal(first.kind, 'admitted');
    assert.equal((await budget.admit(600)).kind, 'busy');
    assert.equal((await budget.admit(400)).kind, 'admitted');
    if (first.kind === 'admitted') await first.release();
    assert.equal((await budget.admit(700)).kind, 'busy', 'the 400 is still held');
    assert.equal((await budget.admit(600)).kind, 'admitted');
  });

  it('lets a hold lapse when its answer never releases it', async () => {
    let now = new Date('2026-11-30T12:00:00.000Z');
    const budget = memoryTokenBudget(1000, () => now);
    await budget.admit(1000);
    assert.equal((await budget.admit(1)).kind, 'busy');
    now = new Date('2026-11-30T12:10:00.001Z');
    assert.equal((await budget.admit(1)).kind, 'admitted');
  });

  it('admits everything with a limit of 0', async () => {
    assert.equal((await memoryTokenBudget(0).admit(1_000_000_000)).kind, 'admitted');
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
