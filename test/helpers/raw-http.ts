import net from 'node:net';

/** A response read off a raw socket: status, lower-cased headers, body text. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses the first HTTP/1.1 response in `text` (Content-Length or close-delimited bodies). */
export function parseRawResponse(text: string): RawResponse | null {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = headers['content-length'];
  const rest = text.slice(end + 4);
  return { status, headers, body: length === undefined ? rest : rest.slice(0, Number(length)) };
}

/** True once `text` holds a whole response (headers and a Content-Length body). */
export const hasWholeResponse = (text: string): boolean => {
  const response = parseRawResponse(text);
  const length = response?.headers['content-length'];
  return (
    response !== null && length !== undefined && Buffer.byteLength(response.body, 'latin1') >= Number(length)
  );
};

/**
 * Writes `chunks` (bytes or text) to a fresh connection, pausing `gapMs` between them, and
 * resolves with everything the server sent once it closes the connection, `timeoutMs` passes,
 * or (with `untilResponse`) a whole response arrived on a connection kept alive.
 */
export function rawExchange(
  url: string,
  chunks: (string | Buffer)[],
  {
    gapMs = 0,
    timeoutMs = 10_000,
    untilResponse = false,
  }: { gapMs?: number; timeoutMs?: number; untilResponse?: boolean } = {},
): Promise<{ text: string; closedByServer: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let text = '';
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closedByServer });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (data) => {
      text += data.toString('latin1');
      if (untilResponse && hasWholeResponse(text)) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) return;
        socket.write(chunk);
        if (gapMs > 0) await new Promise((wait) => setTimeout(wait, gapMs));
      }
    });
  });
}
