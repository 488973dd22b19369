import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** A built file (dist/) served with a strong ETag. */
export interface StaticAsset {
  body: Buffer;
  etag: string;
}

/** Reads `name` from `assetsDir`, or null when it has not been built. */
export function loadAsset(assetsDir: string, name: string): StaticAsset | null {
  try {
    const body = readFileSync(path.join(assetsDir, name));
    return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  } catch {
    return null;
  }
}

/** The error for an asset missing because `npm run build` did not run. */
export const notBuilt = (name: string): AppError =>
  new AppError(
    'not_found',
    `${name} has not been built: run \`npm run build\` (npm install and npm start do).`,
  );

/** True when the client's cached copy is current (then a 304 is enough). */
export function isFresh(request: FastifyRequest, asset: StaticAsset): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag);
}

/** Sends `asset` (or 304) with its ETag and `cacheControl`. */
export function sendAsset(
  request: FastifyRequest,
  reply: FastifyReply,
  asset: StaticAsset,
  cacheControl: string,
): FastifyReply {
  reply.header('etag', asset.etag).header('cache-control', cacheControl);
  if (isFresh(request, asset)) return reply.code(304).send();
  return reply.send(asset.body);
}
