/** MySQL/MariaDB error 1062: a unique key already holds this value. */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string } };
  return e?.code === 'ER_DUP_ENTRY' || e?.errno === 1062 || e?.driverError?.code === 'ER_DUP_ENTRY';
}

/**
 * The connection failed, not the statement: refused, reset, lost, timed out, or the server going
 * down. mysql2 marks errors that end a connection `fatal`; a duplicate key or a deadlock is not.
 */
export function isConnectionFailure(err: unknown): boolean {
  const e = err as { fatal?: boolean; code?: string; driverError?: { fatal?: boolean } };
  return e?.fatal === true || e?.driverError?.fatal === true || e?.code === 'ER_SERVER_SHUTDOWN';
}
