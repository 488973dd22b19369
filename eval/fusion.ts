/**
 * Hybrid fusion under known vector signals (eval/vector-cases.ts) on every dev and held-out set.
 * Usage: node eval/fusion.ts [corporaDir] [--fusion K:W ...] [--set NAME ...] [--json out.json] [--gate]
 *   --fusion K:W  HYBRID_RRF_K and HYBRID_VECTOR_WEIGHT to measure (repeatable); default: the service's
 *   --gate        exit 1 when a set misses the targets (oracle file@5, weak vs keyword-only)
 * Corpora: the argument, else EVAL_CORPORA_DIR, else ../shared/corpora beside the repository;
 * without them: exit 0 with a message, or 1 when CI is set.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RetrievalSummary } from './metrics.ts';
import { loadQuestions } from './question-set.ts';
import { table } from './report.ts';
import {
  checkVectorTargets,
  type FusionEnv,
  runVectorCases,
  VECTOR_CASES,
  type VectorCaseRun,
} from './vector-cases.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');

/** The question sets: corpus folder and question file (`corpora:` = under the corpora dir). */
const SETS = [
  { name: 'redux-dev', corpus: 'redux-docs', questions: 'corpora:redux-docs/dev-questions.jsonl' },
  { name: 'fastapi-dev', corpus: 'fastapi-docs', questions: 'eval/questions/fastapi-dev.jsonl' },
  { name: 'redux-extra', corpus: 'redux-docs', questions: 'eval/questions/redux-extra.jsonl' },
] as const;

const pct = (summary: RetrievalSummary | undefined): string =>
  summary === undefined ? '–' : `${(summary.fileRecall.at5 * 100).toFixed(1)}`;

function parseFusion(value: string): FusionEnv {
  const [k, weight] = value.split(':');
  if (!/^\d+$/.test(k ?? '') || !(Number(weight) > 0)) {
    throw new Error(`--fusion must be K:W (integer k >= 0, weight > 0), got ${value}`);
  }
  return { HYBRID_RRF_K: k, HYBRID_VECTOR_WEIGHT: weight };
}

const label = (fusion: FusionEnv): string =>
  fusion.HYBRID_RRF_K === undefined ? 'default' : `k=${fusion.HYBRID_RRF_K} w=${fusion.HYBRID_VECTOR_WEIGHT}`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      fusion: { type: 'string', multiple: true },
      json: { type: 'string' },
      gate: { type: 'boolean', default: false },
      set: { type: 'string', multiple: true },
    },
  });
  const corporaDir = path.resolve(
    positionals[0] ?? process.env.EVAL_CORPORA_DIR ?? path.join(repoRoot, '..', 'shared', 'corpora'),
  );
  if (!existsSync(corporaDir)) {
    console.log(`eval:fusion skipped: corpora folder ${corporaDir} not found`);
    return process.env.CI ? 1 : 0;
  }
  const fusions = (values.fusion ?? []).map(parseFusion);
  if (fusions.length === 0) fusions.push({});
  const rows = [['set', 'fusion', ...VECTOR_CASES.flatMap((c) => [`${c} all`, `${c} low`]), 'targets']];
  const only = values.set;
  const results: { set: string; fusion: FusionEnv; run: VectorCaseRun; failures: string[] }[] = [];
  let failed = false;
  for (const set of SETS.filter((candidate) => only === undefined || only.includes(candidate.name))) {
    const questionsPath = set.questions.startsWith('corpora:')
      ? path.join(corporaDir, set.questions.slice('corpora:'.length))
      : path.join(repoRoot, set.questions);
    const questions = await loadQuestions(questionsPath);
    for (const fusion of fusions) {
      const run = await runVectorCases(path.join(corporaDir, set.corpus, 'docs'), questions, fusion);
      const report = run.summaries;
      const failures = checkVectorTargets(report);
      failed ||= failures.length > 0;
      results.push({ set: set.name, fusion, run, failures });
      const cells = VECTOR_CASES.flatMap((c) => [pct(report[c].all), pct(report[c].lowoverlap)]);
      rows.push([set.name, label(fusion), ...cells, failures.length === 0 ? 'met' : failures.join('; ')]);
      console.log(rows.at(-1)?.join('  '));
    }
  }
  console.log(`\nfile@5 (%) by vector case, overall and low-overlap questions\n${table(rows)}`);
  const jsonPath =
    values.json ??
    path.join(repoRoot, 'eval', 'results', `fusion-${new Date().toISOString().slice(0, 10)}.json`);
  await mkdir(path.dirname(jsonPath), { recursive: true });
  await writeFile(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`report written to ${path.relative(process.cwd(), jsonPath)}`);
  return values.gate && failed ? 1 : 0;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 2;
});
