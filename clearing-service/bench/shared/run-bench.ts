import type { Child } from './processes';

/**
 * Runs a bench's main, then its clean-up, on success, failure or a first Ctrl-C (a second exits at
 * once). A failure prints its stack and the last lines of the children's output, then exits 1.
 */
export function runBench(options: {
  main: () => Promise<void>;
  cleanup: () => Promise<void>;
  say: (line: string) => void;
  /** What Ctrl-C says it is doing. */
  interrupted: string;
  children?: readonly Child[];
}): void {
  const { main, cleanup, say } = options;
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    say(`interrupted: ${options.interrupted}`);
    void cleanup().finally(() => process.exit(130));
  });
  main()
    .then(cleanup)
    .catch(async (err: unknown) => {
      process.stderr.write(
        `[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      for (const c of options.children ?? [])
        for (const l of c.lines.slice(-10)) process.stderr.write(`[${c.name}] ${l}\n`);
      await cleanup();
      process.exit(1);
    });
}
