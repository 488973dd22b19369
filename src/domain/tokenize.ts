import { stemmer } from 'stemmer';

/**
 * English function words that carry no topic. Kept short on purpose: words such as "state",
 * "test" or "use" are content words in documentation and must stay searchable.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
few for from further had hadn't has hasn't have haven't having he her here hers herself him himself his how
i if in into is isn't it it's its itself just let's me more most mustn't my myself no nor not of off on once
only or other ought our ours ourselves out over own same shan't she should shouldn't so some such than that
that's the their theirs them themselves then there there's these they this those through to too under until
up very was wasn't we were weren't what what's when where which while who whom why will with won't would
wouldn't you your yours yourself yourselves please tell explain show want need know way ways get got does
something anything thing things really also e.g i.e`.split(/\s+/),
);

const WORD = /[\p{L}\p{N}_]+(?:['’][\p{L}]+)?/gu;

/** Lower-cased word tokens of `text` (letters, digits, underscore), apostrophes folded. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((word) => word.replace('’', "'"));
}

/** Porter stem of one lower-case word (same algorithm as SQLite FTS5's `porter` tokenizer). */
export function stem(word: string): string {
  return stemmer(word);
}

/** Stemmed content terms of `text`: stop words and one-character tokens dropped. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    if (STOP_WORDS.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    out.push(stem(word.replace(/'s$/, '')));
  }
  return out;
}
