/**
 * The OpenAI-compatible test server in a process of its own, so that its work (hashing embeddings,
 * pacing streams) does not share an event loop with the service under measurement. Prints
 * `{"baseURL": …}` on one stdout line once listening; stops when stdin closes.
 * Usage: node bench/lib/openai-upstream.ts '<OpenAITestServerOptions as JSON>'
 */
import { startOpenAITestServer } from '../../test/helpers/openai-test-server.ts';

const server = await startOpenAITestServer(JSON.parse(process.argv[2] ?? '{}'));
console.log(JSON.stringify({ baseURL: server.baseURL }));
process.stdin.resume();
process.stdin.on('end', () => void server.close());
