/** One row of the benchmark table: what was measured, our figure, the reference, the target. */
export interface Row {
  measure: string;
  ours: string;
  reference: string;
  target: string;
  /** Whether the target is met; null where there is no target. */
  met: boolean | null;
}

/** A Markdown table, ready to paste into the README. */
export function renderTable(rows: readonly Row[]): string {
  const verdict = (met: boolean | null) => (met === null ? '' : met ? 'met' : '**not met**');
  const lines = [
    '| measure | ours | reference (same run) | target | |',
    '|---|---|---|---|---|',
    ...rows.map(
      (row) => `| ${row.measure} | ${row.ours} | ${row.reference} | ${row.target} | ${verdict(row.met)} |`,
    ),
  ];
  return lines.join('\n');
}
