import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDocumentPreparer } from '../../../src/ingest/document-preparer.ts';
import { prepareDocument } from '../../../src/ingest/prepare-document.ts';

describe('the document preparer pool', () => {
  it('answers every request with its own document, whichever worker prepared it', async () => {
    const preparer = createDocumentPreparer(2);
    try {
      const inputs = Array.from({ length: 9 }, (_, n) => ({
        source: `page-${n}.md`,
        text: `# Page ${n}\n\n${'Words about the store. '.repeat(20 + 40 * (n % 3))}\n\n## Part ${n}\n\nMore.`,
      }));
      const prepared = await Promise.all(inputs.map((input) => preparer.prepare(input, {})));
      assert.deepEqual(
        prepared,
        inputs.map((input) => prepareDocument(input)),
      );
    } finally {
      await preparer.close();
    }
  });

  it('rejects a request whose preparation throws, and keeps serving', async () => {
    const preparer = createDocumentPreparer(2);
    try {
      const broken = { source: 'x.md', text: { length: 5 } as unknown as string };
      await assert.rejects(preparer.prepare(broken, {}));
      const ok = await preparer.prepare({ source: 'y.md', text: '# Y\n\nYes.' }, {});
      assert.equal(ok.title, 'Y');
    } finally {
      await preparer.close();
    }
  });

  it('stops a worker that has been idle, and starts one again for the next document', async () => {
    const preparer = createDocumentPreparer(1, 50);
    try {
      await preparer.prepare({ source: 'a.md', text: '# A\n\nFirst.' }, {});
      assert.equal(preparer.running(), 1);
      const deadline = Date.now() + 10_000;
      while (preparer.running() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(preparer.running(), 0);
      const again = await preparer.prepare({ source: 'b.md', text: '# B\n\nSecond.' }, {});
      assert.equal(again.title, 'B');
    } finally {
      await preparer.close();
    }
  });
});
