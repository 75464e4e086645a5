// Named places where a crash test kills the process (src/clearing/README.md, "Fault points").
// Inert unless TANLIAN_FAULT names one (load-config refuses it under NODE_ENV=production); then
// the process SIGKILLs itself there: no shutdown hook, no rollback but the database's own.

export const FAULT_POINTS = [
  'cycle.close.before',
  'cycle.close.inside',
  'cycle.close.after',
  'cycle.aggregate.before',
  'cycle.aggregate.inside',
  'cycle.aggregate.after',
  'cycle.issue.before',
  'cycle.issue.file',
  'cycle.issue.inside',
  'cycle.issue.after',
] as const;

export type FaultPoint = (typeof FAULT_POINTS)[number];

let armed: FaultPoint | null = null;

/** Arms the configured point (entry points and test apps, at start): null disarms. */
export function armFaultPoint(point: FaultPoint | null): void {
  armed = point;
}

/** Kills this process at once when `point` is the armed one; otherwise nothing. */
export function faultPoint(point: FaultPoint): void {
  if (armed === point) process.kill(process.pid, 'SIGKILL');
}
