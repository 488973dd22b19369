import type { FeedbackRecord } from '../domain/feedback.ts';

const COLUMNS = ['id', 'request_id', 'rating', 'comment', 'created_at', 'updated_at'] as const;

/**
 * One RFC 4180 field. Cells a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a
 * leading apostrophe: comments are reader-written text opened by an admin.
 */
function csvField(value: string | null): string {
  if (value === null) return '';
  const first = value.charAt(0);
  const safe = '=+-@\t\r'.includes(first) && value !== '' ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Feedback records as CSV with a header line and CRLF line ends. */
export function feedbackToCsv(records: FeedbackRecord[]): string {
  const lines = [COLUMNS.join(',')];
  for (const record of records) lines.push(COLUMNS.map((column) => csvField(record[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
