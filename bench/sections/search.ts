/**
 * Search latency: ours in-process and over HTTP against MiniSearch (in-process, over the same
 * chunks) and LangChain.js BM25Retriever (its own splitter), at 1× and 10× the corpus.
 */
import MiniSearch from 'minisearch';
import { buildBaseline } from '../../eval/baseline.ts';
import { prepareDocument } from '../../src/ingest/prepare-document.ts';
import type { BenchCorpus } from '../lib/corpus.ts';
import { replicate } from '../lib/corpus.ts';
import { postJson, startBenchService } from '../lib/service.ts';
import { type Summary, summarize, timeQueries } from '../lib/stats.ts';

export interface SearchFigures {
  scale: number;
  chunks: number;
  ours: Summary;
  oursHttp: Summary;
  minisearch: Summary;
  langchain: Summary | null;
}

function miniSearchOver(documents: BenchCorpus['documents']): MiniSearch {
  const index = new MiniSearch({ fields: ['title', 'heading', 'text'], storeFields: ['source'] });
  let id = 0;
  for (const doc of documents) {
    for (const chunk of prepareDocument(doc).chunks) {
      index.add({
        id: id++,
        title: chunk.title,
        heading: chunk.heading,
        text: chunk.text,
        source: doc.source,
      });
    }
  }
  return index;
}

/** Measures one scale; LangChain only at 1× (it re-scores every chunk per query). */
export async function benchSearch(
  corpus: BenchCorpus,
  scale: number,
  rounds: number,
): Promise<SearchFigures> {
  const documents = replicate(corpus.documents, scale);
  const service = await startBenchService(corpus.docsDir);
  try {
    const ingested = await service.deps.ingest.ingestDocuments(documents);
    const queries = corpus.queries;
    const ours = await timeQueries(queries, rounds, (query) =>
      service.deps.search.search({ query, topK: 5 }),
    );
    const oursHttp = await timeQueries(queries, rounds, (query) =>
      postJson(`${service.url}/search`, { query, top_k: 5 }),
    );
    const mini = miniSearchOver(documents);
    const minisearch = await timeQueries(queries, rounds, (query) =>
      mini.search(query, { prefix: false, fuzzy: false }).slice(0, 5),
    );
    let langchain: Summary | null = null;
    if (scale === 1) {
      const baseline = await buildBaseline(corpus.docsDir);
      langchain = summarize(await timeQueries(queries, 1, (query) => baseline.search(query, 5)));
    }
    return {
      scale,
      chunks: ingested.chunks,
      ours: summarize(ours),
      oursHttp: summarize(oursHttp),
      minisearch: summarize(minisearch),
      langchain,
    };
  } finally {
    await service.close();
  }
}
