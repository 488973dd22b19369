/** Chunk size bounds in characters (see design/decisions/0001-chunk-size.md). */
export interface ChunkLimits {
  /** Chunks are packed up to this size; a larger single paragraph or code block stays whole. */
  target: number;
  /** No chunk is longer, except a piece holding one code line that is itself longer. */
  hardMax: number;
}

/** Default hard maximum in characters. */
export const DEFAULT_MAX_CHUNK_CHARS = 2500;

/** Limits for a hard maximum: the packing target is 60 % of it (1,500 for the default 2,500). */
export function chunkLimits(maxChunkChars: number = DEFAULT_MAX_CHUNK_CHARS): ChunkLimits {
  const hardMax = Math.max(200, Math.floor(maxChunkChars));
  return { target: Math.floor(hardMax * 0.6), hardMax };
}
