import { createWorkerApp } from './bootstrap';
import { loadConfigOrExit } from './config/load-config';

async function main(): Promise<void> {
  await createWorkerApp(loadConfigOrExit());
  process.stdout.write('tanlian worker running\n');
}

main().catch((err: unknown) => {
  process.stderr.write(
    `worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
