/**
 * Tokens a text is estimated to cost: one per 4 characters, OpenAI's rule of thumb for English.
 * Used where no real count is reported (prompt budgets, embeddings, query rewrites); it
 * overestimates English prose slightly and underestimates scripts such as Chinese.
 */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);
