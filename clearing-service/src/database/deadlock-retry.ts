/** MySQL/MariaDB 1213 (deadlock, the statement or transaction was rolled back) and 1205 (lock wait timeout). */
export function isRetryableLockError(err: unknown): boolean {
  const e = err as {
    code?: string;
    errno?: number;
    driverError?: { code?: string; errno?: number };
  };
  const codes = [e?.code, e?.driverError?.code];
  const errnos = [e?.errno, e?.driverError?.errno];
  return (
    codes.includes('ER_LOCK_DEADLOCK') ||
    codes.includes('ER_LOCK_WAIT_TIMEOUT') ||
    errnos.includes(1213) ||
    errnos.includes(1205)
  );
}

/**
 * Runs `work` again when the database chose it as a deadlock victim: InnoDB rolled it back whole,
 * so running it again is safe. A few tries with a short random pause, then the error stands.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, tries = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= tries || !isRetryableLockError(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}
