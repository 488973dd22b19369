export { readableInline } from '../../domain/markdown/inline-text.ts';

/**
 * Link text without its target, for scoring: a URL's words say nothing about the sentence.
 * `[text](target)` → `text`, found in one pass (the text is what `readableInline` left: links to
 * the web, written by the author).
 */
export function withoutLinkTargets(text: string): string {
  let out = '';
  let copied = 0;
  let open = -1;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '[') open = i;
    else if (char === ']' && open >= 0 && text[i + 1] === '(') {
      let end = i + 2;
      while (end < text.length && text[end] !== ')' && !/\s/.test(text[end] ?? ' ')) end += 1;
      if (text[end] === ')' && i > open + 1) {
        out += text.slice(copied, open) + text.slice(open + 1, i);
        copied = end + 1;
      }
      open = -1;
      i = end;
    }
  }
  return out + text.slice(copied);
}

/**
 * Offsets covered by inline code spans, so sentence splitting never cuts inside one. CommonMark:
 * a run of n backticks opens a span that the next run of exactly n backticks closes. One pass
 * over the runs (the next run of each length is looked up, never searched for).
 */
export function codeSpanRanges(text: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] !== '`') continue;
    let end = i;
    while (text[end] === '`') end += 1;
    runs.push([i, end]);
    i = end - 1;
  }
  // nextSameLength[k]: index of the next run after k with the same length, or -1.
  const nextSameLength = new Array<number>(runs.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k -= 1) {
    const [from, to] = runs[k] as [number, number];
    nextSameLength[k] = lastOfLength.get(to - from) ?? -1;
    lastOfLength.set(to - from, k);
  }
  const ranges: Array<[number, number]> = [];
  for (let k = 0; k < runs.length; k += 1) {
    const close = nextSameLength[k] ?? -1;
    if (close < 0) continue;
    ranges.push([(runs[k] as [number, number])[0], (runs[close] as [number, number])[1]]);
    k = close;
  }
  return ranges;
}

/** Abbreviations after which a period does not end a sentence (checked on a sentence's last word). */
const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|vs|cf|approx|Mr|Mrs|Dr|St|No|Fig)\.$/i;
const CLOSERS = `"'”’)]`;
const OPENERS = '`"“\'(*_[';

const isSpace = (char: string | undefined): boolean =>
  char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f' || char === '\v';
const startsSentence = (char: string | undefined): boolean =>
  char !== undefined &&
  ((char >= 'A' && char <= 'Z') || (char >= '0' && char <= '9') || OPENERS.includes(char));

/**
 * Splits a paragraph of prose into sentences (abbreviations and code spans respected): a
 * sentence ends at terminal punctuation, optional closing quotes/brackets and whitespace, before
 * a capital, digit or opening mark. One pass.
 */
export function splitSentences(paragraph: string): string[] {
  const spans = codeSpanRanges(paragraph);
  let span = 0;
  const sentences: string[] = [];
  let start = 0;
  let i = 0;
  while (i < paragraph.length) {
    const char = paragraph[i];
    if (char !== '.' && char !== '!' && char !== '?') {
      i += 1;
      continue;
    }
    const punctuation = i;
    let end = i;
    while (end < paragraph.length && '.!?'.includes(paragraph[end] ?? '')) end += 1;
    while (end < paragraph.length && CLOSERS.includes(paragraph[end] ?? '')) end += 1;
    const spaceStart = end;
    while (end < paragraph.length && isSpace(paragraph[end])) end += 1;
    i = Math.max(end, punctuation + 1);
    if (end === spaceStart || !startsSentence(paragraph[end])) continue;
    while (span < spans.length && (spans[span]?.[1] ?? 0) <= punctuation) span += 1;
    if (span < spans.length && (spans[span]?.[0] ?? Infinity) <= punctuation) continue;
    if (ABBREVIATIONS.test(paragraph.slice(Math.max(start, punctuation - 10), punctuation + 1))) continue;
    sentences.push(paragraph.slice(start, end).trim());
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
