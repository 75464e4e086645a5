// Test keys: the golang.org/x/mod/sumdb/note test vectors, and fresh deterministic keys.
import { createHash } from 'node:crypto';
import { publicKeyFromSecret, type NoteSigner, type NoteVerifierKey } from '../../../src/audit';

/** From golang.org/x/mod/sumdb/note (note.go doc comment and note_test.go). */
export const GO_NOTE = {
  text:
    'If you think cryptography is the answer to your problem,\n' +
    "then you don't know what your problem is.\n",
  peterVkey: 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
  peterSkey: 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz',
  peterSig:
    '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n',
  enochVkey: 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop',
  enochSig:
    '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n',
};

/** Go's PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)> → our signer. */
export function signerFromGoSkey(skey: string): NoteSigner {
  const parts = skey.split('+'); // base64 may itself contain '+'
  const name = parts[2];
  const raw = new Uint8Array(Buffer.from(parts.slice(4).join('+'), 'base64'));
  if (raw[0] !== 1 || raw.length !== 33) throw new Error('not an Ed25519 Go signer key');
  return { name, secretKey: raw.slice(1) };
}

/** A deterministic key pair for `name`. */
export function testKey(name: string): { signer: NoteSigner; verifier: NoteVerifierKey } {
  const secretKey = new Uint8Array(createHash('sha256').update(`seed:${name}`).digest());
  return {
    signer: { name, secretKey },
    verifier: { name, publicKey: publicKeyFromSecret(secretKey) },
  };
}
