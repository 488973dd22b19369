import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../src/errors.ts';
import { assertSameEmbeddingModel } from '../../../src/ingest/embedding-index.ts';

const recorded = { model: 'text-embedding-3-small', dimension: 1536 };
const mismatch = (error: unknown) =>
  error instanceof AppError && error.code === 'index_mismatch' && /re-index/.test(error.message);

test('the same model and dimension pass, and an unknown dimension compares the model only', () => {
  assert.doesNotThrow(() => assertSameEmbeddingModel(recorded, recorded, 'embedded'));
  assert.doesNotThrow(() => assertSameEmbeddingModel(recorded, { model: recorded.model }, 'qdrant'));
});

test('another model or another dimension is refused with re-index instructions for the store', () => {
  assert.throws(
    () => assertSameEmbeddingModel(recorded, { model: 'nomic-embed-text' }, 'embedded'),
    mismatch,
  );
  assert.throws(
    () => assertSameEmbeddingModel(recorded, { model: recorded.model, dimension: 512 }, 'qdrant'),
    (error: unknown) => mismatch(error) && /Qdrant collection/.test((error as Error).message),
  );
});
