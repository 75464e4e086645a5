// Which keys may sign each checkpoint of a log, learned from the log itself. The auditor (or the
// app) pins the keys it trusts at the start, the log's genesis key say. A key the log later
// activates becomes trusted once a checkpoint signed by an already trusted key covers the
// activation leaf, so whoever pinned only the first key follows every rotation. A retired key
// signs only checkpoints of at most the index of its retirement leaf: the checkpoint covering its
// retirement is another key's. Used by the full verifier (every leaf) and by receipts (only the
// key leaves, each with its inclusion proof).
import { formatKeyId, noteKeyId, parseVerifierKey, type NoteVerifierKey } from './note-key';
import type { NoteSignerId } from './note-verify';
import { fail, OK, type AuditResult } from './result';

/** The leaf types that announce a log's checkpoint keys. */
export const SIGNING_KEY_LEAF_TYPES = [
  'checkpoint_key_registered',
  'checkpoint_key_activated',
  'checkpoint_key_retired',
] as const;

interface TrustedKey {
  readonly key: NoteVerifierKey;
  readonly label: string;
  /** Index of its retirement leaf: it may sign checkpoints of at most this size. */
  retiredAt: number | null;
}

const idOf = (name: string, keyId: number) => `${name} ${keyId}`;

export class SigningKeyChain {
  private readonly trusted = new Map<string, TrustedKey>();
  /** Activations read in leaves not yet covered by a verified checkpoint. */
  private pending: NoteVerifierKey[] = [];
  /** Retirements of keys not (yet) trusted, applied if they ever are. */
  private readonly retirements = new Map<string, number>();

  constructor(initial: readonly NoteVerifierKey[]) {
    for (const key of initial) this.trust(key);
  }

  /** The keys a checkpoint's signature is checked against (its range is checked by `sealed`). */
  keys(): NoteVerifierKey[] {
    return [...this.trusted.values()].map((t) => t.key);
  }

  /** A leaf body of the log: records the key announcement it makes, if any. */
  observe(
    body: { readonly type?: unknown; readonly key?: unknown },
    leafIndex: number,
  ): AuditResult {
    const type = body.type;
    if (typeof type !== 'string' || !(SIGNING_KEY_LEAF_TYPES as readonly string[]).includes(type)) {
      return OK;
    }
    const announced = announcedKey(body.key);
    if (!announced.ok) {
      return fail(announced.code, `leaf ${leafIndex} (${type}): ${announced.reason}`);
    }
    const { key } = announced;
    const id = idOf(key.name, noteKeyId(key.name, key.publicKey));
    if (type === 'checkpoint_key_activated') this.pending.push(key);
    if (type === 'checkpoint_key_retired') {
      const known = this.trusted.get(id);
      if (known) known.retiredAt ??= leafIndex;
      else if (!this.retirements.has(id)) this.retirements.set(id, leafIndex);
    }
    return OK;
  }

  /**
   * A checkpoint of `size` whose signature (by `signers`) and leaves were verified: one signer must
   * be a key whose range covers the size; the keys activated in the leaves it covers are trusted
   * from now on.
   */
  sealed(size: number, signers: readonly NoteSignerId[]): AuditResult {
    const candidates = signers.map((s) => this.trusted.get(idOf(s.name, s.keyId)));
    const inRange = candidates.some((t) => t && (t.retiredAt === null || size <= t.retiredAt));
    if (!inRange) {
      const retired = candidates.find((t) => t !== undefined && t.retiredAt !== null);
      return fail(
        'no-trusted-signature',
        retired
          ? `checkpoint ${size} is signed by ${retired.label}, retired by leaf ${retired.retiredAt}: it may sign only checkpoints of at most ${retired.retiredAt} leaves`
          : `checkpoint ${size}: no signer is trusted at this size`,
      );
    }
    for (const key of this.pending) this.trust(key);
    this.pending = [];
    return OK;
  }

  private trust(key: NoteVerifierKey): void {
    const keyId = noteKeyId(key.name, key.publicKey);
    const id = idOf(key.name, keyId);
    if (this.trusted.has(id)) return;
    const label = `${key.name}+${formatKeyId(keyId)}`;
    this.trusted.set(id, { key, label, retiredAt: this.retirements.get(id) ?? null });
  }
}

function announcedKey(field: unknown): AuditResult<{ key: NoteVerifierKey }> {
  const vkey =
    typeof field === 'object' && field !== null ? (field as { vkey?: unknown }).vkey : undefined;
  if (typeof vkey !== 'string') return fail('malformed-key', 'names no key.vkey');
  const parsed = parseVerifierKey(vkey);
  if (!parsed.ok) return fail(parsed.code, `has an invalid key: ${parsed.reason}`);
  return { ok: true, key: { name: parsed.key.name, publicKey: parsed.key.publicKey } };
}
