import { AppError } from '../errors.ts';

/** OpenAI tokens spent per UTC day on readers' behalf, against a daily limit. */
export interface TokenBudget {
  /** Tokens allowed per UTC day; 0 means no limit. */
  readonly dailyLimit: number;
  /** Adds `tokens` to today's count. */
  spend(tokens: number): Promise<void>;
  /** Tokens counted so far today (UTC). */
  usedToday(): Promise<number>;
}

/** `2026-11-30` for any moment of that UTC day: the name of the day's counter. */
export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

/** The first millisecond of the next UTC day. */
export const nextUtcMidnight = (now: Date): number =>
  Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);

/** True when a limit is set and today's count has reached it. */
export async function isExhausted(budget: TokenBudget): Promise<boolean> {
  return budget.dailyLimit > 0 && (await budget.usedToday()) >= budget.dailyLimit;
}

/** The error answers get once the day's budget is spent (503, code `budget_exhausted`). */
export const budgetExhausted = (): AppError =>
  new AppError('budget_exhausted', "Today's token budget is spent; answers resume after midnight UTC.");

/** A budget counted in this process only (no REDIS_URL): each replica counts for itself. */
export function memoryTokenBudget(dailyLimit: number, now: () => Date = () => new Date()): TokenBudget {
  let day = utcDay(now());
  let used = 0;
  const roll = () => {
    const today = utcDay(now());
    if (today !== day) {
      day = today;
      used = 0;
    }
  };
  return {
    dailyLimit,
    async spend(tokens) {
      roll();
      used += tokens;
    },
    async usedToday() {
      roll();
      return used;
    },
  };
}
