import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_METADATA_BYTES, MAX_METADATA_DEPTH } from '../../src/http/schemas/ingest.ts';
import { suiteApp } from '../helpers/http.ts';

/** `{"k":{"k":…1…}}` nested `depth` objects deep, as JSON text (built flat: no recursion). */
const nested = (depth: number): string => `${'{"k":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('document metadata limits', () => {
  const { inject } = suiteApp();
  const embed = (metadataJson: string) =>
    inject({
      method: 'POST',
      url: '/embed',
      headers: { 'content-type': 'application/json' },
      payload: `{"source":"a.md","text":"# A","metadata":${metadataJson}}`,
    });

  test(`metadata nested ${MAX_METADATA_DEPTH} levels is accepted`, async () => {
    assert.equal((await embed(nested(MAX_METADATA_DEPTH))).statusCode, 200);
  });

  test('metadata nested 10,000 levels deep is 422 naming the field, not a 500', async () => {
    for (const depth of [MAX_METADATA_DEPTH + 1, 10_000]) {
      const response = await embed(nested(depth));
      assert.equal(response.statusCode, 422, `depth ${depth}`);
      assert.equal(response.json().code, 'validation_failed');
      assert.equal(response.json().errors[0].path, 'metadata');
      assert.match(response.json().errors[0].message, /nested deeper/);
    }
  });

  test(`metadata over ${MAX_METADATA_BYTES} bytes is 422, also inside a batch`, async () => {
    const big = JSON.stringify({ notes: 'x'.repeat(MAX_METADATA_BYTES) });
    assert.equal((await embed(big)).statusCode, 422);
    const batch = await inject({
      method: 'POST',
      url: '/embed',
      headers: { 'content-type': 'application/json' },
      payload: `{"documents":[{"source":"a.md","text":"# A"},{"source":"b.md","text":"# B","metadata":${big}}]}`,
    });
    assert.equal(batch.statusCode, 422);
    assert.equal(batch.json().errors[0].path, 'documents.1.metadata');
  });
});
