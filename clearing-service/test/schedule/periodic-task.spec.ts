import { PeriodicTask } from '../../src/schedule/periodic-task';

/** A run that stays in progress until the test lets it end. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('PeriodicTask', () => {
  const errors: string[] = [];
  const logger = { error: (message: string) => errors.push(message) };
  let task: PeriodicTask;

  beforeEach(() => {
    jest.useFakeTimers();
    errors.length = 0;
    task = new PeriodicTask('test-sweeper', logger);
  });

  afterEach(async () => {
    await task.stop();
    jest.useRealTimers();
  });

  it('runs once every interval', async () => {
    let runs = 0;
    task.start(1000, async () => void runs++);
    await jest.advanceTimersByTimeAsync(999);
    expect(runs).toBe(0);
    await jest.advanceTimersByTimeAsync(2001);
    expect(runs).toBe(3);
  });

  it('never runs twice at once: a tick during a run is skipped', async () => {
    let started = 0;
    let inProgress = 0;
    let most = 0;
    const slow = gate();
    task.start(100, async () => {
      started++;
      most = Math.max(most, ++inProgress);
      await slow.opened;
      inProgress--;
    });
    await jest.advanceTimersByTimeAsync(1000);
    expect(started).toBe(1);
    slow.open();
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toBe(2);
    expect(most).toBe(1);
  });

  it('stop() waits for the run in progress and no run starts after it', async () => {
    const slow = gate();
    let finished = false;
    let started = 0;
    task.start(100, async () => {
      started++;
      await slow.opened;
      finished = true;
    });
    await jest.advanceTimersByTimeAsync(100);
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(500);
    expect(stopped).toBe(false);
    slow.open();
    await stopping;
    expect(finished).toBe(true);
    await jest.advanceTimersByTimeAsync(1000);
    expect(started).toBe(1);
  });

  it('tells a long run that the task is stopping', async () => {
    const seen: boolean[] = [];
    const slow = gate();
    task.start(100, async (stopping) => {
      seen.push(stopping.aborted);
      await slow.opened;
      seen.push(stopping.aborted);
    });
    await jest.advanceTimersByTimeAsync(100);
    const stopped = task.stop();
    slow.open();
    await stopped;
    expect(seen).toEqual([false, true]);
  });

  it('logs a failed run with the task name, and the next tick runs', async () => {
    let runs = 0;
    task.start(100, async () => {
      if (++runs === 1) throw new Error('database went away');
    });
    await jest.advanceTimersByTimeAsync(100);
    expect(errors).toEqual(['test-sweeper failed: database went away']);
    await jest.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('logs a run that throws before its first await like any other failure', async () => {
    task.start(100, () => {
      throw new Error('bad config');
    });
    await jest.advanceTimersByTimeAsync(100);
    expect(errors).toEqual(['test-sweeper failed: bad config']);
  });

  it('runNow() runs at once, or joins the run in progress', async () => {
    let runs = 0;
    const slow = gate();
    task.start(60_000, async () => {
      runs++;
      await slow.opened;
    });
    const first = task.runNow();
    const second = task.runNow();
    expect(runs).toBe(1);
    slow.open();
    await Promise.all([first, second]);
    await task.runNow();
    expect(runs).toBe(2);
  });

  it('stop() is harmless twice, and before start', async () => {
    const never = new PeriodicTask('never-started', logger);
    await never.stop();
    task.start(100, async () => undefined);
    await task.stop();
    await task.stop();
    expect(errors).toEqual([]);
  });

  it('refuses a second start', () => {
    task.start(100, async () => undefined);
    expect(() => task.start(100, async () => undefined)).toThrow(/already started/);
  });
});
