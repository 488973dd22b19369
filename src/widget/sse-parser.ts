/**
 * A streaming Server-Sent Events parser (WHATWG HTML §9.2.6) for text arriving in arbitrary
 * network chunks: a line, a field or a CRLF pair may be split anywhere. Pure (no DOM, no
 * network), so Node tests drive it directly. Linear: each character is looked at once.
 */

/** One dispatched event; `event` defaults to `message`. */
export interface SseEvent {
  event: string;
  data: string;
  id: string | undefined;
}

/** Feeds decoded text in; calls `onEvent` for each complete event. */
export interface SseParser {
  /** Adds the next piece of the stream. */
  feed(text: string): void;
  /** The stream ended: an unterminated last event is dropped, as the standard says. */
  end(): void;
}

export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let pending = '';
  let skipLeadingLineFeed = false;
  let bom = true;
  let eventName = '';
  let data: string[] = [];
  let lastId: string | undefined;

  const dispatch = (): void => {
    if (data.length > 0) onEvent({ event: eventName || 'message', data: data.join('\n'), id: lastId });
    eventName = '';
    data = [];
  };

  const processLine = (line: string): void => {
    if (line === '') {
      dispatch();
      return;
    }
    if (line.startsWith(':')) return; // a comment, e.g. `: ping`
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) lastId = value;
  };

  return {
    feed(text: string): void {
      let input = text;
      if (bom && input.length > 0) {
        if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
        bom = input.length === 0;
      }
      let start = 0;
      for (let index = 0; index < input.length; index++) {
        const char = input[index];
        if (char === '\n' && skipLeadingLineFeed && index === start && pending === '') {
          // The LF of a CRLF whose CR ended the previous piece.
          skipLeadingLineFeed = false;
          start = index + 1;
          continue;
        }
        skipLeadingLineFeed = false;
        if (char !== '\r' && char !== '\n') continue;
        processLine(pending + input.slice(start, index));
        pending = '';
        if (char === '\r') {
          if (input[index + 1] === '\n') index++;
          else if (index + 1 === input.length) skipLeadingLineFeed = true;
        }
        start = index + 1;
      }
      pending += input.slice(start);
    },
    end(): void {
      pending = '';
      eventName = '';
      data = [];
    },
  };
}
