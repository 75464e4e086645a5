// One leaf's data, checked as the service must have written it: version byte, then RFC 8785
// canonical JSON (re-encoding gives the same bytes) of an object with a known `type`, this
// program's code and a time.
import { equalBytes } from '../audit/bytes';
import { parseCanonicalJson } from '../encoding/canonical-json';
import { encodeUtf8Strict } from '../encoding/utf8';
import { stop } from './discrepancy';
import { isKnownLeafType, LEAF_VERSIONS, RESIDENT_ENTRY_TYPES } from './leaf-types';
import { decodeBase64 } from '../encoding/base64';
import { RESIDENT_TAG_SIZE } from '../audit/resident-entry/resident-tag';
import { decodeUtf8 } from '../encoding/utf8';

export interface LeafBody {
  readonly version: number;
  readonly type: string;
  readonly program: string;
  /** An organisation's leaf: its time. */
  readonly at?: string;
  /** A resident's entry (format 2): its China day, and its tag and commitment. */
  readonly day?: string;
  readonly entry?: { readonly tag: string; readonly commitment: string };
  readonly transaction?: unknown;
  readonly [field: string]: unknown;
}

export function checkLeafBody(data: Uint8Array, leafIndex: number, program: string): LeafBody {
  const at = { leafIndex };
  if (data.length === 0 || !LEAF_VERSIONS.includes(data[0])) {
    stop('leaf', `leaf ${leafIndex} does not start with a known version byte (1 or 2)`, at);
  }
  const version = data[0];
  const json = data.subarray(1);
  const body = parseCanonical(json);
  if (body === undefined) {
    stop('leaf', `leaf ${leafIndex} is not canonical JSON (RFC 8785)`, at);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    stop('leaf', `leaf ${leafIndex} is not a JSON object`, at);
  }
  const { type, program: leafProgram, at: time, day, entry } = body as Record<string, unknown>;
  if (typeof type !== 'string' || !isKnownLeafType(type)) {
    stop('leaf', `leaf ${leafIndex} has an unknown type ${JSON.stringify(type)}`, at);
  }
  if (leafProgram !== program) {
    stop(
      'leaf',
      `leaf ${leafIndex} belongs to program ${JSON.stringify(leafProgram)}, not ${JSON.stringify(program)}`,
      at,
    );
  }
  if (version >= 2 && RESIDENT_ENTRY_TYPES.has(type)) {
    // A resident's entry shows the day only, and who it belongs to only to those with the key.
    if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day) || time !== undefined) {
      stop('leaf', `leaf ${leafIndex}: a resident entry has a day (YYYY-MM-DD) and no time`, at);
    }
    if (!isEntry(entry)) {
      stop(
        'leaf',
        `leaf ${leafIndex}: a resident entry has a 16-byte tag and a 32-byte commitment`,
        at,
      );
    }
  } else if (typeof time !== 'string' || time === '') {
    stop('leaf', `leaf ${leafIndex} has no time ("at")`, at);
  }
  return { ...(body as Omit<LeafBody, 'version'>), version } as LeafBody;
}

function isEntry(entry: unknown): entry is { tag: string; commitment: string } {
  if (typeof entry !== 'object' || entry === null) return false;
  const { tag, commitment } = entry as Record<string, unknown>;
  return (
    typeof tag === 'string' &&
    decodeBase64(tag)?.length === RESIDENT_TAG_SIZE &&
    typeof commitment === 'string' &&
    decodeBase64(commitment)?.length === 32 &&
    Object.keys(entry).length === 2
  );
}

/** The parsed JSON, or undefined unless `bytes` are exactly its canonical UTF-8 encoding. */
function parseCanonical(bytes: Uint8Array): unknown {
  const text = decodeUtf8(bytes);
  // decodeUtf8 replaces what is not UTF-8; the bytes must be the text's exact encoding.
  const again = encodeUtf8Strict(text);
  return again !== undefined && equalBytes(again, bytes) ? parseCanonicalJson(text) : undefined;
}
