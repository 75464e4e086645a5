/** How callbacks are sent and retried. One value for the worker; tests provide a faster one. */
export interface CallbackPolicy {
  /** Wait after the 1st, 2nd, … failed attempt; the last entry repeats. */
  retryDelaysMs: number[];
  /** ± this fraction of each delay at random, so retries of many deliveries spread out. */
  jitter: number;
  /** A delivery still failing this long after it was written is given up (`failed`). */
  giveUpAfterMs: number;
  /** Per attempt: no answer within this is a failed attempt. */
  timeoutMs: number;
  /** How often the sweeper looks for due deliveries (it does not depend on Redis). */
  sweepIntervalMs: number;
  /** Deliveries claimed per sweep round, and sent at once. */
  claimLimit: number;
  /** After a secret rotation, the previous secret keeps signing (beside the new one) this long. */
  previousSecretGraceMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const DEFAULT_CALLBACK_POLICY: CallbackPolicy = {
  // 10 s, 30 s, 2 min, 10 min, 1 h, 2 h, 4 h, then every 6 h, up to 24 h after the first attempt.
  retryDelaysMs: [
    10 * SECOND,
    30 * SECOND,
    2 * MINUTE,
    10 * MINUTE,
    HOUR,
    2 * HOUR,
    4 * HOUR,
    6 * HOUR,
  ],
  jitter: 0.2,
  giveUpAfterMs: 24 * HOUR,
  timeoutMs: 5 * SECOND,
  sweepIntervalMs: 2 * SECOND,
  claimLimit: 20,
  previousSecretGraceMs: 24 * HOUR,
};

export const CALLBACK_POLICY = Symbol('CALLBACK_POLICY');

/**
 * When to try again after `attempts` failed attempts, or null to give up. The last try lands on
 * the give-up deadline itself, so a receiver that comes back just before it still gets its results.
 */
export function nextAttemptAt(
  policy: CallbackPolicy,
  createdAt: Date,
  attempts: number,
  now: Date,
  random: () => number = Math.random,
): Date | null {
  const deadline = createdAt.getTime() + policy.giveUpAfterMs;
  if (now.getTime() >= deadline) return null;
  const base = policy.retryDelaysMs[Math.min(attempts, policy.retryDelaysMs.length) - 1] ?? 0;
  const jittered = base * (1 - policy.jitter + 2 * policy.jitter * random());
  return new Date(Math.min(now.getTime() + Math.round(jittered), deadline));
}
