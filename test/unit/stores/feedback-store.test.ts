import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { SqliteFeedbackStore } from '../../../src/stores/feedback/sqlite-feedback-store.ts';

describe('SqliteFeedbackStore', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'feedback-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('keeps feedback in its file across a restart, one record per answer, at most limit records', async () => {
    const file = path.join(dir, 'nested', 'feedback.sqlite');
    const first = new SqliteFeedbackStore(file);
    await first.init();
    const a = await first.record({ requestId: 'req-a', rating: 'up' });
    await first.record({ requestId: 'req-b', rating: 'down', comment: 'Too long.' });
    const again = await first.record({ requestId: 'req-a', rating: 'down', comment: 'Changed my mind.' });
    assert.equal(again.id, a.id);
    await first.close();

    const reopened = new SqliteFeedbackStore(file);
    await reopened.init();
    assert.equal(await reopened.count(), 2);
    const records = await reopened.list(10);
    assert.deepEqual(
      records
        .map(({ request_id, rating, comment }) => ({ request_id, rating, comment }))
        .sort((x, y) => x.request_id.localeCompare(y.request_id)),
      [
        { request_id: 'req-a', rating: 'down', comment: 'Changed my mind.' },
        { request_id: 'req-b', rating: 'down', comment: 'Too long.' },
      ],
    );
    assert.equal((await reopened.list(1)).length, 1);
    await reopened.close();
  });
});
