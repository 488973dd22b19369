/** The real service (buildDeps + createApp, listening on loopback) over a temporary DATA_DIR. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RealService, startRealService } from '../../test/helpers/real-service.ts';

export interface BenchService extends RealService {
  dataDir: string;
}

/** Starts the composition `npm start` builds over `docsDir` (not synced), with `env` on top. */
export async function startBenchService(
  docsDir: string,
  env: Record<string, string> = {},
): Promise<BenchService> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-data-'));
  const service = await startRealService({ dataDir, docsDir }, env);
  return {
    ...service,
    dataDir,
    close: async () => {
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs JSON and returns the parsed body; throws on a non-2xx status. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return (await response.json()) as T;
}
