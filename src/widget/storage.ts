import type { Source } from './answer-client.ts';

/** One turn as kept in sessionStorage. */
export interface StoredMessage {
  role: 'user' | 'assistant';
  content: string;
  /** The selected passage a user question is about. */
  quote?: string;
  /** The numbered sources of an answer. */
  sources?: Source[];
  /** The source numbers the finished answer cites (from `done`). */
  citations?: number[];
  /** The answer's request id, for feedback. */
  requestId?: string;
  rating?: 'up' | 'down';
  /** The reader stopped this answer before it finished. */
  stopped?: boolean;
}

/** Storage may be disabled (privacy modes, sandboxed frames): the widget then simply forgets. */
function safely<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

/** The conversation of this tab for one backend. */
export function loadConversation(key: string): StoredMessage[] {
  return safely(() => {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? (parsed as StoredMessage[]) : [];
  }, []);
}

export function saveConversation(key: string, messages: StoredMessage[]): void {
  safely(() => sessionStorage.setItem(key, JSON.stringify(messages)), undefined);
}

const USER_ID_KEY = 'docs-chat:user-id';

/** An anonymous id, stable across visits of this browser; it carries nothing about the reader. */
export function anonymousUserId(): string {
  return safely(() => {
    const existing = localStorage.getItem(USER_ID_KEY);
    if (existing) return existing;
    const id = `anon-${crypto.randomUUID()}`;
    localStorage.setItem(USER_ID_KEY, id);
    return id;
  }, `anon-${crypto.randomUUID()}`);
}
