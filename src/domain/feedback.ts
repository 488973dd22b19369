/** A reader's verdict on one answer. */
export type FeedbackRating = 'up' | 'down';

/** What a reader sends about one answer (identified by the answer's request id). */
export interface FeedbackInput {
  requestId: string;
  rating: FeedbackRating;
  comment?: string | undefined;
}

/** Feedback as stored and listed. */
export interface FeedbackRecord {
  id: string;
  request_id: string;
  rating: FeedbackRating;
  comment: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The port of the feedback store. It lives beside whichever chunk store is configured, so one
 * answer has at most one feedback record: a second verdict on the same answer replaces the first.
 */
export interface FeedbackStore {
  /** Creates tables if absent; safe to call on every start. */
  init(): Promise<void>;
  /** Stores the reader's verdict (replacing an earlier one for the same answer) and returns its id. */
  record(input: FeedbackInput): Promise<{ id: string }>;
  /** All feedback, newest first, at most `limit` records. */
  list(limit: number): Promise<FeedbackRecord[]>;
  /** Number of stored feedback records (for /health). */
  count(): Promise<number>;
  /** Releases the file handle. */
  close(): Promise<void>;
}
