import type { CitedSource } from '../domain/answer-events.ts';
import type { SelectionRequest } from '../domain/answer-service.ts';
import type { ChunkStore, StoredChunk } from '../domain/store.ts';
import { STOP_WORDS, stem, words } from '../domain/tokenize.ts';

/** How many of the selection's words join the question in the retrieval query. */
const SELECTION_QUERY_WORDS = 8;

const squash = (text: string): string =>
  text
    .replace(/[\s*_`>#-]+/g, ' ')
    .trim()
    .toLowerCase();

/** The page's chunk that contains (the start of) the selection, for a deep link. */
function containingChunk(chunks: StoredChunk[], selectedText: string): StoredChunk | undefined {
  const probe = squash(selectedText).slice(0, 80);
  return probe ? chunks.find((chunk) => squash(chunk.text).includes(probe)) : undefined;
}

/** The page URL without its `#anchor`. */
const pageUrl = (url: string | null): string | null => (url === null ? null : url.replace(/#.*$/, ''));

/**
 * The request with `source` filled in from `pageUrl` (the reader's page) when only the URL is
 * known; an unknown URL leaves it without page preference.
 */
export async function withPageSource(
  request: SelectionRequest,
  store: ChunkStore,
  signal: AbortSignal,
): Promise<SelectionRequest> {
  if (request.source || !request.pageUrl) return request;
  const source = await store.sourceForUrl(request.pageUrl, signal);
  return source === null ? request : { ...request, source };
}

/**
 * Source [1] of a selection answer: the selected text (plus a note of its surrounding context),
 * titled after its page when `request.source` is a stored document.
 */
export async function selectionSource(
  request: SelectionRequest,
  store: ChunkStore,
  signal: AbortSignal,
): Promise<CitedSource> {
  const chunks = request.source ? await store.chunksOf(request.source, signal) : [];
  const home = containingChunk(chunks, request.selectedText);
  const context = request.surroundingContext?.trim();
  return {
    n: 1,
    id: 'selection',
    source: request.source ?? 'selection',
    title: chunks[0]?.title ?? 'Selected text',
    heading: 'Selection',
    url: home?.url ?? pageUrl(chunks[0]?.url ?? null),
    text: context ? `${request.selectedText}\n\n(Surrounding context: ${context})` : request.selectedText,
    score: 1,
  };
}

/**
 * Retrieval query for a selection question: the question plus the selection's key words (its
 * most repeated, then longest, content words), so "why is this cheaper?" searches the topic.
 */
export function selectionQuery(question: string, selectedText: string): string {
  const counts = new Map<string, { word: string; count: number; order: number }>();
  for (const word of words(selectedText)) {
    if (STOP_WORDS.has(word) || word.length < 3 || /^\d+$/.test(word)) continue;
    const key = stem(word);
    const entry = counts.get(key) ?? { word, count: 0, order: counts.size };
    entry.count += 1;
    counts.set(key, entry);
  }
  const asked = new Set(words(question).map((word) => stem(word)));
  const key = [...counts.entries()]
    .filter(([stemmed]) => !asked.has(stemmed))
    .sort(([, a], [, b]) => b.count - a.count || b.word.length - a.word.length || a.order - b.order)
    .slice(0, SELECTION_QUERY_WORDS)
    .map(([, entry]) => entry.word);
  return key.length === 0 ? question : `${question.trim()} ${key.join(' ')}`;
}
