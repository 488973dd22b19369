/**
 * Whether every code fence opened in `markdown` is closed again, checked independently of the
 * ingest scanner: a fence opens with 3+ backticks/tildes and closes with the same character,
 * at least as long, alone on its line.
 */
export function fencesBalanced(markdown: string): boolean {
  let open: string | null = null;
  for (const line of markdown.split('\n')) {
    const run = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (!run) continue;
    const marker = run[1] ?? '';
    if (open === null) open = marker;
    else if (marker[0] === open[0] && marker.length >= open.length && (run[2] ?? '').trim() === '')
      open = null;
  }
  return open === null;
}
