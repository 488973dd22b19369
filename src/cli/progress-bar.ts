/** Renders ingest progress on a stream: an updating bar on a terminal, sparse lines otherwise. */
export function createProgressBar(stream: NodeJS.WriteStream, width = 30) {
  let lastLine = 0;
  return {
    update(done: number, total: number, label: string): void {
      const ratio = total === 0 ? 1 : done / total;
      if (stream.isTTY) {
        const filled = Math.round(ratio * width);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        const text = `\r${bar} ${done}/${total} ${label}`.slice(0, (stream.columns || 100) - 1);
        stream.write(`${text}\x1b[K`);
      } else if (done === total || Date.now() - lastLine > 2000) {
        lastLine = Date.now();
        stream.write(`${done}/${total} ${label}\n`);
      }
    },
    finish(): void {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
