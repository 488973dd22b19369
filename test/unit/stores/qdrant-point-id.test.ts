import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunkPointId, documentPointId, uuidV5 } from '../../../src/stores/qdrant/point-id.ts';

const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

test('uuidV5 matches the RFC reference value for www.example.com in the DNS namespace', () => {
  assert.equal(uuidV5('www.example.com', DNS_NAMESPACE), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
});

test('chunk ids are stable for the same source and index and differ otherwise', () => {
  assert.equal(chunkPointId('a.md', 0), chunkPointId('a.md', 0));
  assert.notEqual(chunkPointId('a.md', 0), chunkPointId('a.md', 1));
  assert.notEqual(chunkPointId('a.md', 0), documentPointId('a.md'));
});
