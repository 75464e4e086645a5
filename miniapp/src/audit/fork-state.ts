// What the phone remembers of the log, in storage: the last checkpoint it verified, and a fork
// once one was seen. No sdk code here, so every screen of the main package can show the warning.
import { readStored, removeStored, writeStored } from '../services/storage';

const CACHE_KEY = 'tanlian.checkpoint';
const FORK_KEY = 'tanlian.fork';

export interface CachedCheckpoint {
  note: string;
  size: number;
  /** base64 */
  rootHash: string;
}

export interface Fork {
  cached: CachedCheckpoint;
  offered: string;
  reason: string;
  seenAt: string;
}

export function cachedCheckpoint(): CachedCheckpoint | undefined {
  return readStored<CachedCheckpoint>(CACHE_KEY);
}

export function cacheCheckpoint(checkpoint: CachedCheckpoint): void {
  writeStored(CACHE_KEY, checkpoint);
}

/** The fork seen, if any: shown on every screen until the resident dismisses it. */
export function knownFork(): Fork | undefined {
  return readStored<Fork>(FORK_KEY);
}

export function recordFork(fork: Fork): void {
  writeStored(FORK_KEY, fork);
}

export function dismissFork(): void {
  removeStored(FORK_KEY);
}
