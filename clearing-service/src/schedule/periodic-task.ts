import { Logger } from '@nestjs/common';

/** What a run is told: `aborted` once stop() is called, so a long run can end between steps. */
export type PeriodicRun = (signal: AbortSignal) => Promise<void>;

export interface TaskLogger {
  error(message: string): void;
}

/**
 * A worker timer: runs a task every interval, never two runs at once (a tick that finds the last
 * run still going is skipped), and stop() waits for the run in progress. A failed run is logged
 * with the task's name and the next tick runs as usual. Timers in the worker, not repeatable
 * BullMQ jobs, so that losing or wiping Redis cannot stop them.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private run: PeriodicRun | null = null;
  private abort = new AbortController();

  constructor(
    readonly name: string,
    private readonly logger: TaskLogger = new Logger(name),
  ) {}

  start(intervalMs: number, run: PeriodicRun): void {
    if (this.timer) throw new Error(`${this.name} is already started`);
    this.run = run;
    this.abort = new AbortController();
    this.timer = setInterval(() => void this.runNow(), intervalMs);
  }

  /** Runs now, or joins the run already going; resolves when it is over (it never rejects). */
  runNow(): Promise<void> {
    const run = this.run;
    if (this.running || !run || this.abort.signal.aborted) return this.running ?? Promise.resolve();
    const signal = this.abort.signal;
    this.running = (async () => run(signal))()
      .catch((err: unknown) => this.logger.error(`${this.name} failed: ${describe(err)}`))
      .finally(() => (this.running = null));
    return this.running;
  }

  /** No further runs; resolves once the run in progress (if any) has finished. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.running;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
