import { splitUnits, type TextUnit } from './text-units.ts';

/** Characters of passage text (keys plus unit texts) a cache holds before it evicts: ~8 MB. */
const DEFAULT_MAX_CHARS = 4_000_000;

/** Units of a passage, parsed once per distinct text. */
export type UnitReader = (text: string) => readonly TextUnit[];

/**
 * A least-recently-used cache of `splitUnits` by passage text. Retrieved chunks come back
 * request after request, and parsing them is most of an extractive answer's time; the text is
 * the key, so a re-ingested chunk with new text is parsed anew and never served stale. Bounded
 * by the characters it holds (not by entries), so a few huge passages cannot blow memory.
 */
export function createUnitCache(maxChars = DEFAULT_MAX_CHARS): UnitReader {
  const entries = new Map<string, { units: readonly TextUnit[]; size: number }>();
  let held = 0;
  return (text) => {
    const hit = entries.get(text);
    if (hit) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      entries.delete(text);
      entries.set(text, hit);
      return hit.units;
    }
    const units = splitUnits(text);
    const size = text.length + units.reduce((sum, unit) => sum + unit.text.length + unit.heading.length, 0);
    if (size > maxChars) return units;
    entries.set(text, { units, size });
    held += size;
    for (const [key, entry] of entries) {
      if (held <= maxChars) break;
      entries.delete(key);
      held -= entry.size;
    }
    return units;
  };
}
