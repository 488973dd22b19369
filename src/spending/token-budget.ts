import { AppError } from '../errors.ts';

/** What `admit` decided for one answer request. */
export type Admission =
  | {
      kind: 'admitted';
      /** Gives the set-aside tokens back; call once the answer is over (idempotent). */
      release(): Promise<void>;
    }
  /** Today's count plus the request's worst case exceeds the limit. */
  | { kind: 'exhausted' }
  /** It would fit, but not beside the worst cases of the answers in progress: retry shortly. */
  | { kind: 'busy' };

/** OpenAI tokens spent per UTC day on readers' behalf, against a daily limit. */
export interface TokenBudget {
  /** Tokens allowed per UTC day; 0 means no limit. */
  readonly dailyLimit: number;
  /** Adds `tokens` to today's count. */
  spend(tokens: number): Promise<void>;
  /** Tokens counted so far today (UTC). */
  usedToday(): Promise<number>;
  /**
   * Admits an answer only if its worst case (`tokens`) fits beside today's count and the worst
   * cases of the answers in progress, and sets those tokens aside until it is released, so that
   * concurrent answers together cannot overrun the limit.
   */
  admit(tokens: number): Promise<Admission>;
}

/** How long a set-aside is kept when its answer never releases it (a replica died mid-answer). */
export const HOLD_MS = 10 * 60_000;

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

/** An admission that holds nothing (no limit set). */
export const unlimited: Admission = { kind: 'admitted', release: async () => {} };

/** A budget counted in this process only (no REDIS_URL): each replica counts for itself. */
export function memoryTokenBudget(dailyLimit: number, now: () => Date = () => new Date()): TokenBudget {
  let day = utcDay(now());
  let used = 0;
  const held = new Map<number, { tokens: number; until: number }>();
  let nextHold = 0;
  const roll = () => {
    const today = utcDay(now());
    if (today !== day) {
      day = today;
      used = 0;
    }
  };
  const heldTokens = (at: number): number => {
    let total = 0;
    for (const [id, hold] of held) {
      if (hold.until <= at) held.delete(id);
      else total += hold.tokens;
    }
    return total;
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
    async admit(tokens) {
      if (dailyLimit <= 0) return unlimited;
      roll();
      const at = now().getTime();
      if (used + tokens > dailyLimit) return { kind: 'exhausted' };
      if (used + heldTokens(at) + tokens > dailyLimit) return { kind: 'busy' };
      const id = nextHold++;
      held.set(id, { tokens, until: at + HOLD_MS });
      return { kind: 'admitted', release: async () => void held.delete(id) };
    },
  };
}
