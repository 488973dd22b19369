import type { PageSelection } from './selection.ts';
import type { StoredMessage } from './storage.ts';

/** One answer request, kept so a failed one can be retried as it was. */
export interface AnswerRequest {
  path: '/chat' | '/chat/selection';
  body: Record<string, unknown>;
}

/** The server's limits (contract): at most 50 messages of at most 8,000 characters. */
const MAX_HISTORY = 20;
const MAX_CONTENT = 8000;

/**
 * The request for `question` after `earlier` turns: `/chat` with the conversation, or
 * `/chat/selection` with the quoted passage, its surrounding paragraphs and the page it is on.
 */
export function answerRequest(
  earlier: StoredMessage[],
  question: string,
  quote: PageSelection | null,
  userId: string,
): AnswerRequest {
  const history = earlier
    .filter((message) => message.content.trim() !== '')
    .slice(-MAX_HISTORY)
    .map(({ role, content }) => ({ role, content: content.slice(0, MAX_CONTENT) }));
  if (!quote) {
    return {
      path: '/chat',
      body: { messages: [...history, { role: 'user', content: question }], user_id: userId },
    };
  }
  return {
    path: '/chat/selection',
    body: {
      selected_text: quote.text,
      question,
      ...(quote.context ? { surrounding_context: quote.context } : {}),
      page_url: quote.pageUrl,
      user_id: userId,
      messages: history,
    },
  };
}
