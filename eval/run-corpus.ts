import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatMisses } from './answer-records.ts';
import { evaluate } from './evaluate.ts';
import { loadQuestions } from './question-set.ts';
import { formatReport } from './report.ts';
import { checkThresholds, type Thresholds } from './thresholds.ts';

/** One corpus run as the CLI and CI ask for it. */
export interface CorpusRun {
  docsDir: string;
  questionsPath: string;
  /** Where to write the JSON report; defaults to eval/results/<corpus>-<date>.json. */
  jsonPath?: string | undefined;
  thresholds: Thresholds;
  skipAnswers?: boolean | undefined;
  /** Use the OPENAI_ and QDRANT_ environment instead of the embedded default. */
  useProviders?: boolean | undefined;
  /** Also print every answer that misses its key (question, key, sources' headings, answer). */
  showMisses?: boolean | undefined;
}

/** `fastapi-docs` for `…/corpora/fastapi-docs/docs`: the folder that names the corpus. */
export function corpusName(docsDir: string): string {
  const resolved = path.resolve(docsDir);
  return path.basename(resolved) === 'docs' ? path.basename(path.dirname(resolved)) : path.basename(resolved);
}

/**
 * Evaluates one corpus, prints the report and writes the JSON. Returns 'skipped' when the corpus
 * is absent (a user's clone lacks ../shared), 'failed' when a threshold is missed.
 */
export async function runCorpus(run: CorpusRun): Promise<'passed' | 'failed' | 'skipped'> {
  if (!existsSync(run.docsDir)) {
    console.log(`skipping: corpus folder ${run.docsDir} does not exist`);
    return 'skipped';
  }
  const name = corpusName(run.docsDir);
  const report = await evaluate(run.docsDir, await loadQuestions(run.questionsPath), {
    skipAnswers: run.skipAnswers,
    useProviders: run.useProviders,
  });
  console.log(formatReport(report, name));
  if (run.showMisses && !run.skipAnswers) {
    console.log(
      `\n${formatMisses(report.perAnswer.chat)}\n\nselection: ${formatMisses(report.perAnswer.selection)}`,
    );
  }
  const date = new Date().toISOString().slice(0, 10);
  const jsonPath = run.jsonPath ?? path.join(import.meta.dirname, 'results', `${name}-${date}.json`);
  await mkdir(path.dirname(jsonPath), { recursive: true });
  await writeFile(
    jsonPath,
    `${JSON.stringify({ corpus: name, date, questionsPath: run.questionsPath, ...report }, null, 2)}\n`,
  );
  console.log(`report written to ${path.relative(process.cwd(), jsonPath)}`);
  const failures = checkThresholds(report, run.thresholds);
  for (const failure of failures) console.error(`THRESHOLD FAILED (${name}): ${failure}`);
  return failures.length > 0 ? 'failed' : 'passed';
}
