import type { CitedSource } from '../domain/answer-events.ts';

/** One `[n]` marker in an answer: the cited number and where the marker sits in the text. */
export interface CitationSpan {
  n: number;
  /** Index of `[`. */
  start: number;
  /** Index just past `]`. */
  end: number;
}

const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';

/** Up to 4 digits, as the answer service's CitationFilter reads markers. */
const MAX_DIGITS = 4;

/**
 * Every `[n]` marker in `text`, in order, outside code: a backtick run opens code and a run of the
 * same length closes it, the rule the answer service's CitationFilter keeps markers by, so
 * `arr[0]` in code is no citation. One linear scan, no regular expressions on model output.
 */
export function citationSpans(text: string): CitationSpan[] {
  const markers: CitationSpan[] = [];
  let fence = 0;
  let index = 0;
  while (index < text.length) {
    if (text[index] === '`') {
      let run = 0;
      while (text[index] === '`') {
        run += 1;
        index += 1;
      }
      if (fence === 0) fence = run;
      else if (run === fence) fence = 0;
      continue;
    }
    if (fence > 0 || text[index] !== '[') {
      index += 1;
      continue;
    }
    let close = index + 1;
    while (isDigit(text[close]) && close - index <= MAX_DIGITS) close += 1;
    if (close > index + 1 && text[close] === ']') {
      markers.push({ n: Number(text.slice(index + 1, close)), start: index, end: close + 1 });
      index = close + 1;
    } else index += 1;
  }
  return markers;
}

/** A marker resolved to the source it cites (markers citing no source are dropped). */
export interface ResolvedCitation extends CitationSpan {
  source: CitedSource;
}

/** What resolving needs of an answer's finish event: its text and the source numbers it cites. */
export interface CitingAnswer {
  answer: string;
  citations: number[];
}

/**
 * The answer's markers matched to its numbered sources: the answer service says which sources
 * it cites (`citations`), the scan says where.
 */
export function resolveCitations(
  { answer, citations }: CitingAnswer,
  sources: CitedSource[],
): ResolvedCitation[] {
  const citedNumbers = new Set(citations);
  const byNumber = new Map(
    sources.filter((source) => citedNumbers.has(source.n)).map((source) => [source.n, source]),
  );
  return citationSpans(answer).flatMap((marker) => {
    const source = byNumber.get(marker.n);
    return source ? [{ ...marker, source }] : [];
  });
}
