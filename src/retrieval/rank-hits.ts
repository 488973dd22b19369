import { namingLevel, queryNames } from '../domain/heading-naming.ts';
import type { SearchHit } from '../domain/store.ts';
import { isNavigational } from './section-kind.ts';

/** Heading depths told apart when ordering named sections (deeper ones count as this deep). */
const MAX_DEPTH = 6;

/**
 * How many times the pool's best score a hit is lifted by: 0 unless its heading path names the
 * query; more for a shallower naming part (a page or top section about the term before a
 * subsection). A page titled with the asked API name lifts only its first pooled passage (the
 * page's opening says what the API does; its "Example" sections do not).
 */
function lifts(pool: SearchHit[], query: string): Map<SearchHit, number> {
  const asked = queryNames(query);
  const lift = new Map<SearchHit, number>();
  const openings = new Map<string, SearchHit>();
  for (const hit of pool) {
    const naming = namingLevel(asked, hit.chunk.heading);
    if (!naming) continue;
    // The section naming the rest of the query under the asked API page comes before its opening.
    const levels = 1 + MAX_DEPTH - Math.min(MAX_DEPTH, naming.level) + (naming.complete ? 1 : 0);
    if (!naming.ancestor) {
      lift.set(hit, levels);
      continue;
    }
    const key = `${hit.chunk.source}\u0000${hit.chunk.heading.split(' > ').slice(0, naming.level).join(' > ')}`;
    const first = openings.get(key);
    if (first && first.chunk.index <= hit.chunk.index) continue;
    if (first) lift.delete(first);
    openings.set(key, hit);
    lift.set(hit, levels);
  }
  return lift;
}

/**
 * Orders a store's hits for the reader, best first, with scores that say so: sections whose
 * heading names the query come first ("Glossary > Reducer" before "Writing Tests > … > Reducers"
 * for "What is a reducer?", see namingLevel), then the store's ranking of the first `topK`, and
 * bare link lists ("Further information") last.
 *
 * The returned score keeps the store's score and adds what moved the hit, so scores never rise
 * down the list: a named section gets the pool's best score once per level it is lifted on top of
 * its own; a link list is scaled below the lowest explaining passage.
 */
export function rankHits(pool: SearchHit[], query: string, topK: number): SearchHit[] {
  const top = Math.max(0, ...pool.map((hit) => hit.score));
  const lift = lifts(pool, query);
  const named = pool.filter((hit) => lift.has(hit));
  const rest = pool.slice(0, topK).filter((hit) => !lift.has(hit));
  const ranked = [...named, ...rest]
    .map((hit) => ({ ...hit, score: hit.score + top * (lift.get(hit) ?? 0) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, topK);
  const explaining: SearchHit[] = [];
  const navigational: SearchHit[] = [];
  for (const hit of ranked) (isNavigational(hit.chunk.text) ? navigational : explaining).push(hit);
  const floor = Math.min(...explaining.map((hit) => hit.score));
  const scale = explaining.length > 0 && top > 0 ? floor / (2 * top) : 1;
  return [...explaining, ...navigational.map((hit) => ({ ...hit, score: hit.score * scale }))];
}
