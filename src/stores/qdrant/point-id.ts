import { createHash } from 'node:crypto';

/** Namespace of this service's point ids (a fixed random UUID; changing it re-keys every point). */
export const POINT_ID_NAMESPACE = '3f0c6e52-8d1b-4c47-9a51-2b7e6d9f4a10';

const uuidBytes = (uuid: string): Buffer => Buffer.from(uuid.replaceAll('-', ''), 'hex');

const formatUuid = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

/** RFC 9562 UUID version 5 (SHA-1, name-based): the same name always gives the same id. */
export function uuidV5(name: string, namespace: string = POINT_ID_NAMESPACE): string {
  const digest = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return formatUuid(bytes.toString('hex'));
}

/** Id of chunk `index` of `source`: re-ingesting a document overwrites its points in place. */
export const chunkPointId = (source: string, index: number): string => uuidV5(`${source}#${index}`);

/** Id of the record point holding a document's metadata (`#document` never collides with `#<n>`). */
export const documentPointId = (source: string): string => uuidV5(`${source}#document`);

/** Id of the single point recording the embedding model of the index. */
export const INDEX_INFO_POINT_ID = uuidV5('index-info');
