import type { ChatMessage } from '../domain/answer-events.ts';

/**
 * The newest part of a conversation that fits both limits: at most `maxTurns` messages and
 * `maxChars` characters in total. Older messages go first; a message is kept whole or not at all.
 */
export function capHistory(history: ChatMessage[], maxTurns: number, maxChars: number): ChatMessage[] {
  const kept: ChatMessage[] = [];
  let chars = 0;
  for (let i = history.length - 1; i >= 0 && kept.length < maxTurns; i -= 1) {
    const message = history[i];
    if (!message) continue;
    chars += message.content.length;
    if (chars > maxChars) break;
    kept.push(message);
  }
  return kept.reverse();
}
