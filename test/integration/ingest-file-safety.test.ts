import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readDocsFile, readOpenedFileInside } from '../../src/ingest/read-docs-file.ts';
import { createFixtureBook, type FixtureBook } from '../helpers/fixture-book.ts';
import { postJson } from '../helpers/http.ts';
import { type RealService, startRealService } from '../helpers/real-service.ts';

const SECRET = 'TOPSECRETOUTSIDEDOCS';

describe('path ingest reads only regular files inside DOCS_DIR', () => {
  let book: FixtureBook;
  let service: RealService;
  let outside = '';
  let root = '';
  before(async () => {
    book = createFixtureBook();
    outside = path.join(book.root, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'page.md'), `# Secret\n\n${SECRET} must never be indexed.\n`);
    root = fs.realpathSync(book.docsDir);
    service = await startRealService(book);
  });
  after(async () => {
    await service.close();
    book.remove();
  });

  const storedTexts = async (): Promise<string> => {
    const documents = await service.deps.store.listDocuments();
    const chunks = await Promise.all(documents.map((doc) => service.deps.store.chunksOf(doc.source)));
    return chunks
      .flat()
      .map((chunk) => chunk.text)
      .join('\n');
  };

  test('a FIFO named x.md is refused at once instead of hanging ingest', { timeout: 20_000 }, async () => {
    execFileSync('mkfifo', [path.join(book.docsDir, 'x.md')]);
    try {
      const single = await postJson(`${service.url}/embed`, { path: 'x.md' });
      assert.equal(single.status, 400);
      assert.match(((await single.json()) as { detail: string }).detail, /not a regular file/);
      const all = await postJson(`${service.url}/embed`, { path: '.' });
      assert.equal(all.status, 200, 'a directory ingest skips the FIFO');
      assert.equal(((await all.json()) as { documents: number }).documents, 4);
    } finally {
      fs.rmSync(path.join(book.docsDir, 'x.md'));
    }
  });

  test('the opened file is checked, not the path: links to outside are refused', async () => {
    fs.symlinkSync(path.join(outside, 'page.md'), path.join(book.docsDir, 'leak.md'));
    fs.symlinkSync(outside, path.join(book.docsDir, 'leakdir'));
    try {
      await assert.rejects(readDocsFile(root, 'leak.md'), /outside DOCS_DIR/);
      await assert.rejects(readDocsFile(root, 'leakdir/page.md'), /outside DOCS_DIR/);
      // As if the links had been swapped in after the path was resolved: the open itself refuses.
      await assert.rejects(readOpenedFileInside(root, path.join(root, 'leak.md'), 'leak.md'), /is a symlink/);
      const throughDirectory = path.join(root, 'leakdir/page.md');
      await assert.rejects(
        readOpenedFileInside(root, throughDirectory, 'leakdir/page.md'),
        /outside DOCS_DIR/,
      );
      assert.match(
        await readOpenedFileInside(root, path.join(root, 'api/compose.md'), 'api/compose.md'),
        /compose/,
      );
    } finally {
      fs.rmSync(path.join(book.docsDir, 'leak.md'));
      fs.rmSync(path.join(book.docsDir, 'leakdir'));
    }
  });

  test('symlinks swapped back and forth during ingest never leak a file from outside', {
    timeout: 60_000,
  }, async () => {
    // A real inside target for the links, so that half the time they are legitimate.
    const inside = path.join(book.docsDir, 'real');
    fs.mkdirSync(inside);
    fs.writeFileSync(path.join(inside, 'page.md'), '# Inside\n\nAn ordinary page inside the book.\n');
    fs.symlinkSync(inside, path.join(book.docsDir, 'sub'));
    fs.symlinkSync(path.join(inside, 'page.md'), path.join(book.docsDir, 'swap.md'));
    // Another process flips both links between the inside and the outside target, atomically (rename).
    const docs = book.docsDir;
    const swapper = spawn('bash', [
      '-c',
      `while true; do
         ln -sfn "${outside}" "${docs}/.sub.tmp" && mv -Tf "${docs}/.sub.tmp" "${docs}/sub"
         ln -sfn "${outside}/page.md" "${docs}/.swap.tmp" && mv -Tf "${docs}/.swap.tmp" "${docs}/swap.md"
         ln -sfn "${inside}" "${docs}/.sub.tmp" && mv -Tf "${docs}/.sub.tmp" "${docs}/sub"
         ln -sfn "${inside}/page.md" "${docs}/.swap.tmp" && mv -Tf "${docs}/.swap.tmp" "${docs}/swap.md"
       done`,
    ]);
    const outcomes = new Map<number, number>();
    try {
      for (let round = 0; round < 150; round += 1) {
        for (const target of ['sub/page.md', 'swap.md']) {
          const response = await postJson(`${service.url}/embed`, { path: target });
          await response.arrayBuffer();
          outcomes.set(response.status, (outcomes.get(response.status) ?? 0) + 1);
          assert.ok([200, 400, 404].includes(response.status), `status ${response.status}`);
        }
      }
    } finally {
      swapper.kill('SIGKILL');
    }
    console.log('swap-race ingest outcomes by status:', Object.fromEntries(outcomes));
    assert.doesNotMatch(await storedTexts(), new RegExp(SECRET));
  });
});
