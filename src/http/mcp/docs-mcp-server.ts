import { type CallToolResult, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { citeHits } from '../../answer/cite-sources.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { CitedSource } from '../../domain/answer-events.ts';
import { isAbortError } from '../../errors.ts';
import { completeAnswer } from '../answer-wire.ts';
import { toProblem } from '../error-mapping.ts';
import { pageText } from './page-text.ts';

/** Tools only read the book: clients may call them without asking the user each time. */
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });

const toolError = (message: string): CallToolResult => ({
  isError: true,
  content: [{ type: 'text', text: message }],
});

/** Runs a tool; a failure of the service becomes a tool error the model can read (5xx details stay generic). */
async function guarded(run: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await run();
  } catch (error) {
    if (isAbortError(error)) throw error;
    return toolError(toProblem(error).detail);
  }
}

const sourceLine = (source: CitedSource): string =>
  `[${source.n}] ${source.title} — ${source.heading}${source.url ? ` (${source.url})` : ` (source: ${source.source})`}`;

const passage = (source: CitedSource): string => `${sourceLine(source)}\n${source.text.trim()}`;

const SearchInput = z.object({
  query: z.string().trim().min(1).max(2000).describe('What to look for, in natural language or keywords.'),
  top_k: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .describe('How many passages to return (1-20, default 5).'),
});

const Passage = z.object({
  n: z.number().int(),
  id: z.string(),
  title: z.string(),
  heading: z.string(),
  url: z.string().nullable(),
  source: z.string(),
  text: z.string(),
  score: z.number(),
});

const SearchOutput = z.object({ results: z.array(Passage) });

const AskInput = z.object({
  question: z.string().trim().min(1).max(2000).describe('A question about the documentation.'),
});

const PageInput = z
  .object({
    source: z.string().min(1).max(1024).optional().describe('The page source id, e.g. "api/compose.md".'),
    url: z
      .string()
      .min(1)
      .max(2048)
      .optional()
      .describe('The page URL (a section URL with #anchor works too).'),
  })
  .refine(
    (input) => (input.source === undefined) !== (input.url === undefined),
    'give exactly one of source or url',
  );

/**
 * The book as an MCP server: three read-only tools over the same search and answer services as
 * the HTTP API. One fresh server per request (the SDK's stateless serving), so it holds nothing.
 */
export function createDocsMcpServer(deps: AppDeps): McpServer {
  const server = new McpServer(
    { name: 'docs-chat', version: deps.version },
    { instructions: 'Search and read the documentation book, or ask it a question and get a cited answer.' },
  );

  server.registerTool(
    'search_docs',
    {
      title: 'Search the docs',
      description:
        'Ranked passages of the documentation for a query, each with its page title, section heading and URL.',
      inputSchema: SearchInput,
      outputSchema: SearchOutput,
      annotations: READ_ONLY,
    },
    ({ query, top_k }, context) =>
      guarded(async () => {
        const hits = await deps.search.search({ query, topK: top_k }, context.mcpReq.signal);
        const sources = citeHits(hits);
        const summary =
          sources.length > 0 ? sources.map(passage).join('\n\n') : `No passages found for "${query}".`;
        // Parsing keeps only the schema's fields: internal ones (a passage's index) stay inside.
        return { ...text(summary), structuredContent: SearchOutput.parse({ results: sources }) };
      }),
  );

  server.registerTool(
    'ask_docs',
    {
      title: 'Ask the docs',
      description:
        'A grounded answer to a question, citing the documentation as [n] with a numbered source list; says so when the docs do not cover it.',
      inputSchema: AskInput,
      annotations: READ_ONLY,
    },
    ({ question }, context) =>
      guarded(async () => {
        const signal = context.mcpReq.signal;
        const events = deps.answers.chat(
          { messages: [{ role: 'user', content: question }], userId: 'mcp', topK: 5 },
          signal,
        );
        const { sources, finish } = await completeAnswer(events);
        const list = sources.length > 0 ? `\n\nSources:\n${sources.map(sourceLine).join('\n')}` : '';
        return text(`${finish.answer}${list}`);
      }),
  );

  server.registerTool(
    'get_page',
    {
      title: 'Read a page',
      description: 'The full text of one documentation page, by its source id or its URL.',
      inputSchema: PageInput,
      annotations: READ_ONLY,
    },
    ({ source, url }, context) =>
      guarded(async () => {
        const signal = context.mcpReq.signal;
        const resolved = source ?? (url ? await deps.store.sourceForUrl(url, signal) : null);
        const chunks = resolved ? await deps.store.chunksOf(resolved, signal) : [];
        const first = chunks[0];
        if (!first)
          return toolError(`No page ${source ? `with source "${source}"` : `at ${url}`} in the index.`);
        const header = `# ${first.title}\n\nSource: ${first.source}${first.url ? `\nURL: ${first.url.split('#')[0]}` : ''}`;
        return text(`${header}\n\n${pageText(chunks)}`);
      }),
  );
  return server;
}
