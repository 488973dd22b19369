import type { Candidate } from './sentence-scoring.ts';

/** Picked units of one source, in the order the answer presents them. */
function groupBySource(picked: Candidate[]): Candidate[][] {
  const groups = new Map<number, Candidate[]>();
  for (const candidate of picked) {
    const group = groups.get(candidate.n) ?? [];
    group.push(candidate);
    groups.set(candidate.n, group);
  }
  // Sources appear in the order of their first pick (best first); inside a source, text order.
  return [...groups.values()].map((group) => group.sort((a, b) => a.unit.position - b.unit.position));
}

const fenced = (candidate: Candidate): string =>
  `\`\`\`${candidate.unit.lang}\n${candidate.unit.text}\n\`\`\``;

/** Prose of consecutive non-code units: sentences run on, list items become list lines. */
function prose(units: Candidate[]): string {
  const items = units.filter((candidate) => candidate.unit.kind === 'item');
  if (items.length >= 2) return units.map((candidate) => `- ${candidate.unit.text}`).join('\n');
  return units.map((candidate) => candidate.unit.text).join(' ');
}

/** One source's part: its prose cited as `[n]`, code blocks quoted under it. */
function renderGroup(group: Candidate[]): string {
  const n = group[0]?.n ?? 0;
  const parts: string[] = [];
  let run: Candidate[] = [];
  let cited = false;
  const flushRun = () => {
    if (run.length > 0) {
      parts.push(`${prose(run)} [${n}]`);
      cited = true;
    }
    run = [];
  };
  for (const candidate of group) {
    if (candidate.unit.kind !== 'code') {
      run.push(candidate);
      continue;
    }
    flushRun();
    if (!cited) parts.push(`From [${n}]:`);
    cited = true;
    parts.push(fenced(candidate));
  }
  flushRun();
  return parts.join('\n\n');
}

/**
 * Stitches the picked units into a short answer: one part per source (best source first),
 * sentences in reading order, each part cited with its source number.
 */
export function renderAnswer(picked: Candidate[]): string {
  return groupBySource(picked).map(renderGroup).join('\n\n');
}
