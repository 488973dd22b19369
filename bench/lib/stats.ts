/** Percentiles and summaries of timing samples (milliseconds). */
import { percentile } from '../../eval/metrics.ts';

/** p50/p95/p99 of a sample. */
export interface Summary {
  p50: number;
  p95: number;
  p99: number;
  n: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    p99: percentile(values, 0.99),
    n: values.length,
  };
}

/** Times `run` over every query `rounds` times after a warm-up, one sample per call. */
export async function timeQueries(
  queries: readonly string[],
  rounds: number,
  run: (query: string) => unknown,
): Promise<number[]> {
  for (const query of queries.slice(0, 20)) await run(query);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const query of queries) {
      const started = performance.now();
      await run(query);
      samples.push(performance.now() - started);
    }
  }
  return samples;
}
