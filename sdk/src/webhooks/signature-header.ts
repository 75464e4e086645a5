// The webhook-signature header: a space-separated list of `version,base64signature`. It holds
// several entries while keys rotate.
import { encodeBase64 } from '../encoding/base64';
import { SignatureVersion } from './signature-version';

/**
 * At most this many entries are examined; the rest of the header is ignored. Each entry can
 * cost an HMAC comparison or an Ed25519 verification per configured key, so this bounds the
 * work a hostile header can cause. A sender needs one entry per live key, far fewer than 16.
 */
export const MAX_SIGNATURES_EXAMINED = 16;

export interface SignatureEntry {
  version: string;
  signature: string;
}

export function formatSignatureEntry(version: SignatureVersion, signature: Uint8Array): string {
  return `${version},${encodeBase64(signature)}`;
}

/**
 * The well-formed entries (a non-empty version, a comma, a non-empty signature) among the
 * first MAX_SIGNATURES_EXAMINED space- or tab-separated tokens. Malformed tokens count toward
 * the cap but are dropped. Scans by hand so a huge header is never split in full.
 */
export function parseSignatureHeader(header: string): SignatureEntry[] {
  const entries: SignatureEntry[] = [];
  let examined = 0;
  let i = 0;
  while (examined < MAX_SIGNATURES_EXAMINED && i < header.length) {
    while (i < header.length && isSeparator(header.charCodeAt(i))) i++;
    if (i >= header.length) break;
    const start = i;
    while (i < header.length && !isSeparator(header.charCodeAt(i))) i++;
    examined++;
    const token = header.slice(start, i);
    const comma = token.indexOf(',');
    if (comma > 0 && comma < token.length - 1) {
      entries.push({ version: token.slice(0, comma), signature: token.slice(comma + 1) });
    }
  }
  return entries;
}

function isSeparator(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
