import { spawn } from 'node:child_process';
import path from 'node:path';
import type { OpenAITestServerOptions } from '../../test/helpers/openai-test-server.ts';

/** Starts bench/lib/openai-upstream.ts as a child process; resolves with its base URL and a stop function. */
export async function startUpstream(
  options: OpenAITestServerOptions,
): Promise<{ baseURL: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [path.join(import.meta.dirname, 'openai-upstream.ts'), JSON.stringify(options)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (data: Buffer) => resolve(data.toString()));
    child.once('exit', (code) => reject(new Error(`upstream exited with ${code}`)));
  });
  const { baseURL } = JSON.parse(line) as { baseURL: string };
  return { baseURL, stop: () => child.stdin.end() };
}
