import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { createFixtureBook, type FixtureBook } from '../helpers/fixture-book.ts';
import { type RealService, startRealService } from '../helpers/real-service.ts';

const WORKFLOW = path.resolve(import.meta.dirname, '../../examples/github-actions/reingest.yml');
const TOKEN = 'workflow-secret';

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}

/** The workflow's ingest step exactly as GitHub would run it (bash), against `url`. */
async function runIngestStep(url: string, cwd: string): Promise<string> {
  const workflow = parse(fs.readFileSync(WORKFLOW, 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
  const step = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .find((candidate) => candidate.run?.includes('/embed'));
  assert.ok(step?.run, 'the workflow has a step that calls /embed');
  // The shell GitHub uses for `run:` steps on Linux runners.
  const { stdout } = await promisify(execFile)(
    'bash',
    ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run],
    {
      cwd,
      env: {
        PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
        API_URL: url,
        ADMIN_TOKEN: TOKEN,
        DOCS_DIR: step.env?.DOCS_DIR ?? 'docs',
      },
    },
  );
  return stdout;
}

describe('the re-ingest workflow of examples/github-actions', () => {
  let book: FixtureBook;
  let service: RealService;
  before(async () => {
    book = createFixtureBook();
    service = await startRealService(book, { ADMIN_TOKEN: TOKEN });
  });
  after(async () => {
    await service.close();
    book.remove();
  });

  test('sends every page through POST /embed with the admin token; a re-run changes nothing', async () => {
    const first = await runIngestStep(service.url, book.root);
    assert.match(first, /sent 4 pages/);
    const sources = (await service.deps.store.listDocuments()).map((doc) => doc.source).sort();
    assert.deepEqual(sources, [
      'api/compose.md',
      'dom-testing-library/api-within.mdx',
      'faq/CodeStructure.md',
      'tutorials/fundamentals/part-1-overview.md',
    ]);
    const second = await runIngestStep(service.url, book.root);
    assert.match(second, /"unchanged":4/);
  });

  test('a page deleted from the book is deleted from the index', async () => {
    const listing = await fetch(`${service.url}/documents`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const { documents } = (await listing.json()) as { documents: { origin?: string }[] };
    assert.equal(documents[0]?.origin, 'api');
    fs.rmSync(path.join(book.docsDir, 'faq/CodeStructure.md'));
    assert.match(await runIngestStep(service.url, book.root), /deleted faq\/CodeStructure\.md/);
    assert.equal((await service.deps.store.listDocuments()).length, 3);
  });
});
