/** What the service says when the book does not cover a question, instead of guessing. */
export const NO_CONTEXT_ANSWER =
  "I couldn't find this in the book: none of the passages I found cover it, so I won't guess. Try rephrasing the question or naming the topic or API you mean.";
