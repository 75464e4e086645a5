import { createApiApp } from './bootstrap';
import { loadConfigOrExit } from './config/load-config';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  process.stdout.write(
    `tanlian api listening on http://${config.http.host}:${config.http.port} (docs at /docs)\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(
    `api failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
