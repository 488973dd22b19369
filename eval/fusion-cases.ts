/**
 * Runs the vector cases (eval/vector-cases.ts) on every dev and held-out set for one or more
 * fusions, prints one table, writes the JSON and checks the targets per set and pooled.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { QuestionRanks } from './metrics.ts';
import { loadQuestions } from './question-set.ts';
import { table } from './report.ts';
import {
  checkVectorTargets,
  type FusionEnv,
  runVectorCases,
  VECTOR_CASES,
  VECTOR_TARGETS,
  type VectorCaseRun,
} from './vector-cases.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');

/** The question sets: corpus folder and question file (`corpora:` = under the corpora dir). */
export const FUSION_SETS = [
  { name: 'redux-dev', corpus: 'redux-docs', questions: 'corpora:redux-docs/dev-questions.jsonl' },
  { name: 'fastapi-dev', corpus: 'fastapi-docs', questions: 'eval/questions/fastapi-dev.jsonl' },
  { name: 'redux-extra', corpus: 'redux-docs', questions: 'eval/questions/redux-extra.jsonl' },
] as const;

/** What to run. */
export interface FusionCasesOptions {
  corporaDir: string;
  /** Fusion settings to compare; `{}` = the service's defaults. */
  fusions: FusionEnv[];
  /** Only these set names (default: all). */
  sets?: string[] | undefined;
  jsonPath?: string | undefined;
}

const pct = (value: number | undefined): string => (value === undefined ? '–' : (value * 100).toFixed(1));

const label = (fusion: FusionEnv): string =>
  fusion.HYBRID_RRF_K === undefined ? 'default' : `k=${fusion.HYBRID_RRF_K} w=${fusion.HYBRID_VECTOR_WEIGHT}`;

const hitAt5 = (ranks: QuestionRanks[]): number =>
  ranks.filter((r) => r.fileRank !== null && r.fileRank <= 5).length;

/**
 * Weak hybrid against keyword-only over all sets together: the 0.03 bound is finer than one
 * question of a 25-question set, so it is checked on the pooled questions as well as per set.
 */
function pooledWeakLoss(runs: VectorCaseRun[]): { questions: number; loss: number } {
  const questions = runs.reduce((sum, run) => sum + run.ranks.keyword.length, 0);
  const lost = runs.reduce((sum, run) => sum + hitAt5(run.ranks.keyword) - hitAt5(run.ranks.weak), 0);
  return { questions, loss: questions === 0 ? 0 : lost / questions };
}

/** Runs every set × fusion; returns whether any target was missed. */
export async function runFusionCases(options: FusionCasesOptions): Promise<{ failed: boolean }> {
  const header = ['set', 'fusion', ...VECTOR_CASES.flatMap((c) => [`${c} all`, `${c} low`]), 'targets'];
  const rows = [header];
  const results: { set: string; fusion: FusionEnv; run: VectorCaseRun; failures: string[] }[] = [];
  let failed = false;
  const sets = FUSION_SETS.filter((set) => options.sets === undefined || options.sets.includes(set.name));
  for (const fusion of options.fusions) {
    const runs: VectorCaseRun[] = [];
    for (const set of sets) {
      const questionsPath = set.questions.startsWith('corpora:')
        ? path.join(options.corporaDir, set.questions.slice('corpora:'.length))
        : path.join(repoRoot, set.questions);
      const docsDir = path.join(options.corporaDir, set.corpus, 'docs');
      const run = await runVectorCases(docsDir, await loadQuestions(questionsPath), fusion);
      runs.push(run);
      const failures = checkVectorTargets(run.summaries);
      failed ||= failures.length > 0;
      results.push({ set: set.name, fusion, run, failures });
      const cells = VECTOR_CASES.flatMap((c) => [
        pct(run.summaries[c].all?.fileRecall.at5),
        pct(run.summaries[c].lowoverlap?.fileRecall.at5),
      ]);
      rows.push([set.name, label(fusion), ...cells, failures.length === 0 ? 'met' : failures.join('; ')]);
    }
    const pooled = pooledWeakLoss(runs);
    const pooledMet = pooled.loss <= VECTOR_TARGETS.weakMaxLoss + 1e-9;
    failed ||= !pooledMet;
    rows.push([
      'pooled',
      label(fusion),
      ...VECTOR_CASES.flatMap(() => ['', '']),
      `weak − keyword over ${pooled.questions} questions: ${(-pooled.loss * 100).toFixed(1)} (${pooledMet ? 'met' : 'missed'})`,
    ]);
  }
  console.log(`file@5 (%) by vector case, overall and low-overlap questions\n${table(rows)}`);
  const jsonPath =
    options.jsonPath ??
    path.join(repoRoot, 'eval', 'results', `fusion-${new Date().toISOString().slice(0, 10)}.json`);
  await mkdir(path.dirname(jsonPath), { recursive: true });
  await writeFile(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`report written to ${path.relative(process.cwd(), jsonPath)}`);
  return { failed };
}
