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

/** Every `[n]` marker (n = 1..999) in `text`, in order; one linear scan, no regex on model output. */
export function citationSpans(text: string): CitationSpan[] {
  const markers: CitationSpan[] = [];
  for (let open = text.indexOf('['); open !== -1; open = text.indexOf('[', open + 1)) {
    let close = open + 1;
    while (isDigit(text[close]) && close - open <= 3) close += 1;
    if (close > open + 1 && text[close] === ']') {
      markers.push({ n: Number(text.slice(open + 1, close)), start: open, end: close + 1 });
    }
  }
  return markers;
}

/** A marker resolved to the source it cites (markers citing no source are dropped). */
export interface ResolvedCitation extends CitationSpan {
  source: CitedSource;
}

/** The answer's markers matched to its numbered sources. */
export function resolveCitations(answer: string, sources: CitedSource[]): ResolvedCitation[] {
  const byNumber = new Map(sources.map((source) => [source.n, source]));
  return citationSpans(answer).flatMap((marker) => {
    const source = byNumber.get(marker.n);
    return source ? [{ ...marker, source }] : [];
  });
}
