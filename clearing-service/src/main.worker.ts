import { setPriority } from 'node:os';
import { createWorkerApp } from './bootstrap';
import { loadConfigOrExit } from './config/load-config';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // Where api and worker share cores, operators waiting for an answer go first; crediting is
  // throughput work that can wait a few milliseconds. No effect where the worker has its own.
  setPriority(config.crediting.workerNice);
  await createWorkerApp(config);
  process.stdout.write('tanlian worker running\n');
}

main().catch((err: unknown) => {
  process.stderr.write(
    `worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
