// Ed25519 note keys (C2SP signed-note): key names, 32-bit key IDs and the verifier-key text form
// `<name>+<hex key id>+<base64(0x01 || public key)>` used to pin keys in apps and tools.
import { sha256 } from '@noble/hashes/sha256';
import { ed25519 } from '@noble/curves/ed25519';
import { decodeBase64, encodeBase64 } from '../encoding/base64';
import { concatBytes, readUint32BE } from './bytes';
import { encodeUtf8Strict } from '../encoding/utf8';
import { chop } from './note-text';
import { fail, type AuditResult } from './result';

/** Signature type byte for Ed25519 in signed notes. */
export const ED25519_ALGORITHM = 0x01;

/** A trusted (pinned) Ed25519 note key. */
export interface NoteVerifierKey {
  readonly name: string;
  /** 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
}

/** A signing identity: the key name and the 32-byte Ed25519 seed (RFC 8032 private key). */
export interface NoteSigner {
  readonly name: string;
  readonly secretKey: Uint8Array;
}

// Go's unicode.IsSpace set, spelled out: JavaScript's \s differs (it has U+FEFF, lacks U+0085).
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Key names must be non-empty, valid text, with no Unicode spaces and no '+'. */
export function isValidKeyName(name: string): boolean {
  return (
    name !== '' && !SPACE.test(name) && !name.includes('+') && encodeUtf8Strict(name) !== undefined
  );
}

/** key ID = first 4 bytes (big-endian) of SHA-256(name || "\n" || 0x01 || public key). */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  return typedKeyId(name, publicKey, ED25519_ALGORITHM);
}

/** The key ID of a key of the given signature type (0x01 note signer, 0x04 witness cosigner). */
export function typedKeyId(name: string, publicKey: Uint8Array, algorithm: number): number {
  return keyIdOf(name, concatBytes(Uint8Array.of(algorithm), publicKey));
}

/** The key ID over the algorithm-tagged key encoding, whatever the algorithm. */
function keyIdOf(name: string, taggedKey: Uint8Array): number {
  const nameBytes = encodeUtf8Strict(name);
  if (nameBytes === undefined) throw new RangeError('key name is not valid text');
  return readUint32BE(sha256(concatBytes(nameBytes, Uint8Array.of(0x0a), taggedKey)), 0);
}

export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

export function publicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}

/** Encodes a verifier key as `<name>+<hex key id>+<base64(0x01 || public key)>`. */
export function formatVerifierKey(key: NoteVerifierKey): string {
  return formatTypedVerifierKey(key, ED25519_ALGORITHM);
}

/** formatVerifierKey for a given signature type (0x04 for witness cosigners, cosignature.ts). */
export function formatTypedVerifierKey(key: NoteVerifierKey, algorithm: number): string {
  if (!isValidKeyName(key.name))
    throw new RangeError(`invalid key name ${JSON.stringify(key.name)}`);
  if (key.publicKey.length !== 32) throw new RangeError('Ed25519 public keys are 32 bytes');
  const encoded = encodeBase64(concatBytes(Uint8Array.of(algorithm), key.publicKey));
  return `${key.name}+${formatKeyId(typedKeyId(key.name, key.publicKey, algorithm))}+${encoded}`;
}

export interface ParsedVerifierKey extends NoteVerifierKey {
  readonly keyId: number;
}

/** Parses a verifier key, checking its key ID against its name and key (as Go's NewVerifier). */
export function parseVerifierKey(vkey: string): AuditResult<{ key: ParsedVerifierKey }> {
  return parseTypedVerifierKey(vkey, ED25519_ALGORITHM);
}

/**
 * parseVerifierKey for a given signature type: 0x01 for note signers, 0x04 for witness cosigners
 * (cosignature.ts). Any other type in the key is refused as an unknown algorithm.
 */
export function parseTypedVerifierKey(
  vkey: string,
  algorithm: number,
): AuditResult<{ key: ParsedVerifierKey }> {
  const [name, rest] = chop(vkey, '+');
  const [hex, encoded] = chop(rest, '+');
  const raw = decodeBase64(encoded);
  if (!/^[0-9a-fA-F]{8}$/.test(hex) || raw === undefined || raw.length === 0) {
    return fail('malformed-key', 'verifier key is not <name>+<8 hex digits>+<base64 key>');
  }
  if (!isValidKeyName(name)) return fail('malformed-key', 'verifier key has an invalid name');
  const keyId = parseInt(hex, 16);
  // The ID covers the algorithm byte, so it is checked before the algorithm is interpreted.
  const actualId = keyIdOf(name, raw);
  if (keyId !== actualId) {
    return fail(
      'key-id-mismatch',
      `key ID ${hex} does not match the key (${formatKeyId(actualId)})`,
    );
  }
  if (raw[0] !== algorithm) {
    return fail(
      'unknown-key-algorithm',
      `signature type ${raw[0]} is not the expected type ${algorithm}`,
    );
  }
  if (raw.length !== 33) return fail('malformed-key', 'Ed25519 public keys are 32 bytes');
  return { ok: true, key: { name, keyId, publicKey: raw.slice(1) } };
}
