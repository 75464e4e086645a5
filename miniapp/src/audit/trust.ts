// What the app trusts, and where that trust comes from. The root is the log keys pinned in the
// build (PINNED_LOG_KEYS, config/log-keys.ts). Keys the log rotated to later are learned from its
// own announcements, each proven in a checkpoint of a key trusted before (the sdk's
// SigningKeyChain), so an installed app keeps verifying after a rotation without a new release.
// A development build with no key pinned trusts the genesis key the service names the first time
// (and only when the run-time config enables development), and says so on every result.
import {
  decodeBase64,
  logHashByName,
  parseCosignatureVerifierKey,
  parseVerifierKey,
  type KeyAnnouncement,
  type LogHash,
  type NoteVerifierKey,
  type ParsedVerifierKey,
} from '@tanlian/sdk/audit';
import { call } from '../services/api';
import { appConfig } from '../services/app-config';
import { readStored, writeStored } from '../services/storage';

export interface Witness {
  readonly name: string;
  readonly key: NoteVerifierKey;
}

export interface LogTrust {
  readonly hash: LogHash;
  readonly hashName: 'sha256' | 'sm3';
  readonly origin: string | undefined;
  readonly keys: readonly ParsedVerifierKey[];
  readonly announcements: readonly KeyAnnouncement[];
  readonly witnesses: readonly Witness[];
  /** 'pinned': keys from the build; 'development': the service's genesis key, trusted on first use. */
  readonly root: 'pinned' | 'development';
  /** `<name>+<key id>` of each root key. */
  readonly fingerprints: readonly string[];
}

/** The log's public key view and announcements, as last fetched (for offline use). */
interface StoredLogView {
  hash: 'sha256' | 'sm3';
  origin: string;
  genesis: string[];
  witnesses: { name: string; vkey: string }[];
  announcements: {
    leafIndex: number;
    leafData: string;
    inclusionProof: string[];
    checkpoint: string;
  }[];
}

const VIEW_KEY = 'tanlian.log-view';
const FIRST_USE_KEY = 'tanlian.log-first-use';

export class TrustUnavailable extends Error {}

export function pinnedKeys(): { origin: string; keys: string[] } {
  return PINNED_LOG_KEYS;
}

/** The trust to verify with: fetched fresh when online, else the last one fetched. */
export async function loadTrust(): Promise<LogTrust> {
  let view: StoredLogView | undefined;
  try {
    view = await fetchView();
    writeStored(VIEW_KEY, view);
  } catch (err) {
    view = readStored<StoredLogView>(VIEW_KEY);
    if (view === undefined) throw err;
  }
  return trustFrom(view, await rootKeys(view));
}

async function rootKeys(
  view: StoredLogView,
): Promise<{ vkeys: string[]; root: LogTrust['root']; origin?: string }> {
  const pinned = pinnedKeys();
  if (pinned.keys.length > 0) {
    return { vkeys: pinned.keys, root: 'pinned', origin: pinned.origin || undefined };
  }
  const config = await appConfig();
  if (!config.developmentSignIn) {
    throw new TrustUnavailable('this build pins no log key: verification is unavailable');
  }
  // Trust on first use: the genesis keys seen first stay the root, whatever the service says later.
  const first = readStored<string[]>(FIRST_USE_KEY);
  if (first === undefined) writeStored(FIRST_USE_KEY, view.genesis);
  return { vkeys: first ?? view.genesis, root: 'development', origin: view.origin };
}

export function trustFrom(
  view: StoredLogView,
  root: { vkeys: string[]; root: LogTrust['root']; origin?: string },
): LogTrust {
  const keys = root.vkeys.map((vkey) => {
    const parsed = parseVerifierKey(vkey);
    if (!parsed.ok)
      throw new TrustUnavailable(`the pinned log key ${vkey} is malformed: ${parsed.reason}`);
    return parsed.key;
  });
  const witnesses: Witness[] = [];
  for (const w of view.witnesses) {
    const parsed = parseCosignatureVerifierKey(w.vkey);
    if (parsed.ok) witnesses.push({ name: w.name, key: parsed.key });
  }
  const hash = logHashByName(view.hash);
  if (hash === undefined)
    throw new TrustUnavailable(`the log's hash ${view.hash} is unknown to this app`);
  return {
    hash,
    hashName: view.hash,
    origin: root.origin ?? view.origin,
    keys,
    announcements: view.announcements.map((a) => ({
      leafIndex: a.leafIndex,
      leafData: bytes(a.leafData),
      inclusionProof: a.inclusionProof.map(bytes),
      checkpointNote: a.checkpoint,
    })),
    witnesses,
    root: root.root,
    fingerprints: root.vkeys.map((v) => v.split('+').slice(0, 2).join('+')),
  };
}

async function fetchView(): Promise<StoredLogView> {
  const [keys, announced] = await Promise.all([
    call('get', '/v1/programs/{program}/audit/keys', { anonymous: true }),
    call('get', '/v1/programs/{program}/audit/keys/announcements', { anonymous: true }),
  ]);
  return {
    hash: keys.hash,
    origin: keys.origin,
    genesis: keys.keys.filter((k) => k.genesis).map((k) => k.vkey),
    witnesses: keys.witnesses
      .filter((w) => w.revokedAt === null)
      .map((w) => ({ name: w.name, vkey: w.vkey })),
    announcements: announced.announcements,
  };
}

export function bytes(base64: string): Uint8Array {
  const decoded = decodeBase64(base64);
  if (decoded === undefined) throw new TrustUnavailable(`not base64: ${base64.slice(0, 16)}…`);
  return decoded;
}
