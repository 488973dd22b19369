/** Server-Sent Events framing (WHATWG HTML §9.2). Transport-free: these only build strings. */

/** Response headers of an event stream; `no-transform` and `X-Accel-Buffering` stop proxies buffering it. */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/**
 * One `event:`/`data:` frame. JSON.stringify never emits raw newlines, so the payload is always
 * one `data:` line; the event name is ours and must not contain line breaks.
 */
export function sseEvent(name: string, data: unknown): string {
  if (/[\r\n]/.test(name)) throw new Error(`invalid SSE event name: ${JSON.stringify(name)}`);
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line (`: text`), ignored by clients; used as a keep-alive ping. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}
