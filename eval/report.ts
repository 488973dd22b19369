import type { EvaluationReport } from './evaluate.ts';
import type { RetrievalSummary } from './metrics.ts';

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
const ms = (value: number): string => `${value.toFixed(1)}ms`;

const COLUMNS: [string, (s: RetrievalSummary) => string][] = [
  ['n', (s) => String(s.questions)],
  ['file@1', (s) => pct(s.fileRecall.at1)],
  ['file@5', (s) => pct(s.fileRecall.at5)],
  ['file@10', (s) => pct(s.fileRecall.at10)],
  ['pass@1', (s) => pct(s.passageRecall.at1)],
  ['pass@5', (s) => pct(s.passageRecall.at5)],
  ['pass@10', (s) => pct(s.passageRecall.at10)],
  ['MRR', (s) => s.mrr.toFixed(3)],
  ['p50', (s) => ms(s.latencyMs.p50)],
  ['p95', (s) => ms(s.latencyMs.p95)],
];

/** Right-aligned text table; the first row is the header. */
export function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) => row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  '))
    .join('\n');
}

/** The human-readable report: retrieval ours vs baseline by question type, then answers. */
export function formatReport(report: EvaluationReport, label: string): string {
  const { ours, baseline } = report.retrieval;
  const rows = [['type', 'system', ...COLUMNS.map(([name]) => name)]];
  for (const type of Object.keys(ours)) {
    for (const [system, summaries] of [
      ['ours', ours],
      ['baseline', baseline],
    ] as const) {
      const summary = summaries[type];
      if (summary) rows.push([type, system, ...COLUMNS.map(([, cell]) => cell(summary))]);
    }
  }
  const lines = [
    `== ${label}: ${report.questions.answerable} answerable, ${report.questions.unanswerable} unanswerable, ${report.questions.selection} selection`,
    `service: ${JSON.stringify(report.service)}`,
    `ingest: ours ${report.ingest.ours.documents} docs / ${report.ingest.ours.chunks} chunks in ${ms(report.ingest.ours.ms)}; baseline ${report.ingest.baseline.chunks} chunks in ${ms(report.ingest.baseline.ms)}`,
    '',
    table(rows),
    '',
  ];
  const { answers, selection } = report;
  if (answers) {
    lines.push(
      `answers (/chat): key in answer ${pct(answers.keyInAnswer)}, key in answer or cited sources ${pct(answers.keyInAnswerOrSources)}, ` +
        `false no_context ${pct(answers.falseNoContext)} of ${answers.answerable}; ` +
        `no_context on unanswerable ${pct(answers.noContextOnUnanswerable)} of ${answers.unanswerable}; ` +
        `p50 ${ms(answers.latencyMs.p50)}, p95 ${ms(answers.latencyMs.p95)}`,
    );
  }
  if (selection) {
    lines.push(
      `selection (/chat/selection): page cited ${pct(selection.pageCited)}, key covered ${pct(selection.keyCovered)}, key in answer ${pct(selection.keyInAnswer)} of ${selection.cases}` +
        (selection.withContextKey > 0
          ? `, page prose around it in answer ${pct(selection.contextKeyInAnswer)} of ${selection.withContextKey}`
          : '') +
        '; ' +
        `p50 ${ms(selection.latencyMs.p50)}, p95 ${ms(selection.latencyMs.p95)}`,
    );
  }
  lines.push(`total ${(report.totalMs / 1000).toFixed(1)}s`);
  return lines.join('\n');
}
