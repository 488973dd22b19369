/**
 * A service process for load benchmarks, forked with IPC: the same composition as `npm start`,
 * listening on an ephemeral loopback port, reporting its own event-loop delay and peak RSS so the
 * figures are the server's and not the load generator's.
 * Messages: sends `{ type: 'listening', url }`; answers `{ type: 'stats' }` with
 * `{ type: 'stats', eventLoopP99Ms, eventLoopMaxMs, maxRssMb, rssMb, peakHeapUsedMb, peakExternalMb }`
 * and resets the event-loop histogram.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { buildDeps } from '../../src/deps.ts';
import { createLogger } from '../../src/logger.ts';

const config = loadConfig();
const deps = await buildDeps(config, createLogger('silent'));
const app = await createApp(deps);
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const delay = monitorEventLoopDelay({ resolution: 5 });
let peakHeapUsed = 0;
let peakExternal = 0;
setInterval(() => {
  const { heapUsed, external } = process.memoryUsage();
  peakHeapUsed = Math.max(peakHeapUsed, heapUsed);
  peakExternal = Math.max(peakExternal, external);
}, 20).unref();
delay.enable();

process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    process.send?.({
      type: 'stats',
      eventLoopP99Ms: delay.percentile(99) / 1e6,
      eventLoopMaxMs: delay.max / 1e6,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      rssMb: process.memoryUsage().rss / 1e6,
      peakHeapUsedMb: peakHeapUsed / 1e6,
      peakExternalMb: peakExternal / 1e6,
    });
    delay.reset();
  } else if (message.type === 'stop') {
    void app
      .close()
      .then(() => deps.close())
      .then(() => process.exit(0));
  }
});
process.send?.({ type: 'listening', url });
