// Which keys may sign each checkpoint, learned from the log itself. The auditor pins the keys it
// trusts at the start (the log's genesis key, say). A key the log later activates becomes trusted
// once a checkpoint signed by an already trusted key covers the activation leaf, so an app that
// pinned only the first key follows every rotation. A retired key signs only checkpoints of at
// most the index of its retirement leaf: the checkpoint covering its retirement is another key's.
import { formatKeyId, noteKeyId, parseVerifierKey, type NoteVerifierKey } from '../audit/note-key';
import type { NoteSignerId } from '../audit/note-verify';
import { stop } from './discrepancy';
import type { LeafBody } from './leaf-body';

interface TrustedKey {
  readonly key: NoteVerifierKey;
  readonly label: string;
  /** Index of its retirement leaf: it may sign checkpoints of at most this size. */
  retiredAt: number | null;
}

const idOf = (name: string, keyId: number) => `${name} ${keyId}`;

export class SigningKeyChain {
  private readonly trusted = new Map<string, TrustedKey>();
  /** Activations read in leaves not yet covered by a fully verified checkpoint. */
  private pending: { id: string; key: NoteVerifierKey; label: string }[] = [];
  /** Retirements of keys not (yet) trusted, applied if they ever are. */
  private readonly retirements = new Map<string, number>();

  constructor(initial: readonly NoteVerifierKey[]) {
    for (const key of initial) this.trust(key);
  }

  /** The keys a checkpoint's signature is checked against (its range is checked after its leaves). */
  keys(): NoteVerifierKey[] {
    return [...this.trusted.values()].map((t) => t.key);
  }

  /** A leaf that passed its checks: records the key announcements it makes. */
  observe(body: LeafBody, leafIndex: number): void {
    if (
      body.type !== 'checkpoint_key_registered' &&
      body.type !== 'checkpoint_key_activated' &&
      body.type !== 'checkpoint_key_retired'
    ) {
      return;
    }
    const { key, label } = announcedKey(body, leafIndex);
    const id = idOf(key.name, noteKeyId(key.name, key.publicKey));
    if (body.type === 'checkpoint_key_activated') this.pending.push({ id, key, label });
    if (body.type === 'checkpoint_key_retired') {
      const known = this.trusted.get(id);
      if (known) known.retiredAt ??= leafIndex;
      else if (!this.retirements.has(id)) this.retirements.set(id, leafIndex);
    }
  }

  /**
   * After checkpoint `size` passed every check: one of its signers must be a key whose range
   * covers the size, and the keys activated in its leaves are trusted from now on.
   */
  checkpointVerified(size: number, signers: readonly NoteSignerId[]): void {
    const inRange = signers.some((s) => {
      const t = this.trusted.get(idOf(s.name, s.keyId));
      return t !== undefined && (t.retiredAt === null || size <= t.retiredAt);
    });
    if (!inRange) {
      const retired = signers
        .map((s) => this.trusted.get(idOf(s.name, s.keyId)))
        .find((t) => t !== undefined && t.retiredAt !== null);
      stop(
        'signature',
        retired
          ? `checkpoint ${size} is signed by ${retired.label}, retired by leaf ${retired.retiredAt}: it may sign only checkpoints of at most ${retired.retiredAt} leaves`
          : `checkpoint ${size}: no signer is trusted at this size`,
      );
    }
    for (const { key } of this.pending) this.trust(key);
    this.pending = [];
  }

  private trust(key: NoteVerifierKey): void {
    const keyId = noteKeyId(key.name, key.publicKey);
    const id = idOf(key.name, keyId);
    if (this.trusted.has(id)) return;
    const label = `${key.name}+${formatKeyId(keyId)}`;
    this.trusted.set(id, { key, label, retiredAt: this.retirements.get(id) ?? null });
  }
}

function announcedKey(body: LeafBody, leafIndex: number): { key: NoteVerifierKey; label: string } {
  const announced = body.key as { vkey?: unknown } | undefined;
  const vkey = typeof announced === 'object' && announced !== null ? announced.vkey : undefined;
  if (typeof vkey !== 'string') {
    stop('leaf', `leaf ${leafIndex} (${body.type}) names no key.vkey`, { leafIndex });
  }
  const parsed = parseVerifierKey(vkey);
  if (!parsed.ok) {
    stop('leaf', `leaf ${leafIndex} (${body.type}) has an invalid key: ${parsed.reason}`, {
      leafIndex,
    });
  }
  const key = { name: parsed.key.name, publicKey: parsed.key.publicKey };
  return { key, label: `${key.name}+${formatKeyId(noteKeyId(key.name, key.publicKey))}` };
}
