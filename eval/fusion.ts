/**
 * Hybrid fusion under known vector signals (eval/vector-cases.ts) on every dev and held-out set.
 * Usage: node eval/fusion.ts [corporaDir] [--fusion K:W ...] [--set NAME ...] [--json out.json] [--gate]
 *   --fusion K:W  HYBRID_RRF_K and HYBRID_VECTOR_WEIGHT to measure (repeatable); default: the service's
 *   --gate        exit 1 when a target is missed (oracle file@5, weak vs keyword-only)
 * Corpora: the argument, else EVAL_CORPORA_DIR, else ../shared/corpora beside the repository;
 * without them: exit 0 with a message, or 1 when CI is set.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runFusionCases } from './fusion-cases.ts';
import type { FusionEnv } from './vector-cases.ts';

function parseFusion(value: string): FusionEnv {
  const [k, weight] = value.split(':');
  if (!/^\d+$/.test(k ?? '') || !(Number(weight) > 0)) {
    throw new Error(`--fusion must be K:W (integer k >= 0, weight > 0), got ${value}`);
  }
  return { HYBRID_RRF_K: k, HYBRID_VECTOR_WEIGHT: weight };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      fusion: { type: 'string', multiple: true },
      set: { type: 'string', multiple: true },
      json: { type: 'string' },
      gate: { type: 'boolean', default: false },
    },
  });
  const corporaDir = path.resolve(
    positionals[0] ??
      process.env.EVAL_CORPORA_DIR ??
      path.join(import.meta.dirname, '..', '..', 'shared', 'corpora'),
  );
  if (!existsSync(corporaDir)) {
    console.log(`eval:fusion skipped: corpora folder ${corporaDir} not found`);
    return process.env.CI ? 1 : 0;
  }
  const fusions = (values.fusion ?? []).map(parseFusion);
  const { failed } = await runFusionCases({
    corporaDir,
    fusions: fusions.length === 0 ? [{}] : fusions,
    sets: values.set,
    jsonPath: values.json,
  });
  return values.gate && failed ? 1 : 0;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 2;
});
