// One resident entry as the phone reads it: the leaf's public body (format 2, docs/private-log.md)
// and the private part it commits to, checked for shape and canonical form without zod (the
// mini-program does not carry it). Returns what the account check needs, or why it cannot.
import { parseCanonicalJson } from '../../encoding/canonical-json';
import { decodeBase64 } from '../../encoding/base64';
import { decodeUtf8, encodeUtf8Strict } from '../../encoding/utf8';
import { equalBytes } from '../bytes';
import { LOG_HASH_SIZE } from '../hash';
import { LEAF_FORMAT_2 } from './entry-leaf';
import { RESIDENT_TAG_SIZE } from './resident-tag';

/** A resident posting of an entry: points of one lot, as a safe integer. */
export interface ResidentPosting {
  readonly asset: string;
  readonly expiresOn: string;
  readonly amount: number;
}

export interface AccountLeaf {
  readonly tag: Uint8Array;
  readonly commitment: Uint8Array;
  /** The `seq` the private part states (checked against the chain's position by the caller). */
  readonly privateSeq: number;
  readonly residentPostings: readonly ResidentPosting[];
  /** The lots the private part says the entry moved (`lots`), which the commitment binds. */
  readonly committedLots: readonly ResidentPosting[];
}

type Parsed = ({ ok: true } & AccountLeaf) | { ok: false; message: string };

const INTEGER_TEXT = /^(0|-?[1-9][0-9]*)$/;
/** Up to this many bytes go to String.fromCharCode in one call (arguments have a limit). */
const ASCII_CHUNK = 4096;
const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks an entry's leaf data and private part as rule 1 (`format`) of verifyAccount says. */
export function parseAccountLeaf(
  leafData: Uint8Array,
  privateJson: string,
  program: string,
): Parsed {
  if (leafData.length === 0 || leafData[0] !== LEAF_FORMAT_2) {
    return bad(`its leaf does not start with the format byte ${LEAF_FORMAT_2}`);
  }
  const text = utf8Text(leafData.subarray(1));
  const body = text === undefined ? undefined : parseCanonicalJson(text);
  if (!isObject(body)) return bad('its leaf is not a JSON object in canonical form (RFC 8785)');
  if (body.program !== program) {
    return bad(`its leaf belongs to program ${show(body.program)}, not ${show(program)}`);
  }
  if (typeof body.type !== 'string') return bad('its leaf has no type');
  if (!isDay(body.day)) return bad(`its leaf's day ${show(body.day)} is not a date (YYYY-MM-DD)`);
  const entry = body.entry;
  if (!isObject(entry)) return bad('its leaf has no "entry" (tag and commitment)');
  const tag = bytesOf(entry.tag, RESIDENT_TAG_SIZE);
  if (tag === undefined) return bad(`its tag is not ${RESIDENT_TAG_SIZE} bytes of base64`);
  const commitment = bytesOf(entry.commitment, LOG_HASH_SIZE);
  if (commitment === undefined) {
    return bad(`its commitment is not ${LOG_HASH_SIZE} bytes of base64`);
  }
  const postings = residentPostingsOf(body.transaction);
  if (typeof postings === 'string') return bad(postings);

  const secret = parseCanonicalJson(privateJson);
  if (!isObject(secret)) return bad('its private part is not a JSON object in canonical form');
  const seq = secret.seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    return bad(`its private part has no sequence number ("seq")`);
  }
  const committed = committedLotsOf(secret.lots);
  if (typeof committed === 'string') return bad(committed);
  return {
    ok: true,
    tag,
    commitment,
    privateSeq: seq,
    residentPostings: postings,
    committedLots: committed,
  };
}

/** The private part's `lots`: [{asset, expiresOn, amount}], or what is wrong with it. */
function committedLotsOf(lots: unknown): ResidentPosting[] | string {
  if (!Array.isArray(lots)) return 'its private part has no "lots" (the lots it moved)';
  const out: ResidentPosting[] = [];
  for (const lot of lots as unknown[]) {
    const amount =
      isObject(lot) && typeof lot.amount === 'string' && INTEGER_TEXT.test(lot.amount)
        ? +lot.amount
        : NaN;
    if (!isObject(lot) || typeof lot.asset !== 'string' || !isDay(lot.expiresOn)) {
      return 'its private part has a lot that is not {asset, expiresOn, amount}';
    }
    if (!Number.isSafeInteger(amount)) return `its private part has a lot amount of unsafe size`;
    out.push({ asset: lot.asset, expiresOn: lot.expiresOn, amount });
  }
  return out;
}

/** The transaction's resident postings, or what is wrong with it. */
function residentPostingsOf(transaction: unknown): ResidentPosting[] | string {
  if (transaction === null) return [];
  if (!isObject(transaction) || typeof transaction.kind !== 'string') {
    return 'its transaction is neither null nor {kind, postings}';
  }
  const { postings } = transaction;
  if (!Array.isArray(postings)) return 'its transaction has no postings';
  const residents: ResidentPosting[] = [];
  for (let i = 0; i < postings.length; i++) {
    const p: unknown = postings[i];
    const at = `its posting ${i}`;
    if (!isObject(p) || typeof p.kind !== 'string' || typeof p.asset !== 'string') {
      return `${at} is not {kind, asset, owner, expiresOn, amount}`;
    }
    if (p.owner !== null && typeof p.owner !== 'string') return `${at} has a bad owner`;
    if (p.expiresOn !== null && !isDay(p.expiresOn)) return `${at} has a bad expiry date`;
    const amount = typeof p.amount === 'string' && INTEGER_TEXT.test(p.amount) ? +p.amount : NaN;
    if (!Number.isSafeInteger(amount)) {
      return `${at}'s amount ${show(p.amount)} is not an integer string of safe size`;
    }
    if (p.kind !== 'resident') continue;
    if (p.owner !== null || typeof p.expiresOn !== 'string') {
      return `${at} is a resident posting with an owner or without an expiry date`;
    }
    residents.push({ asset: p.asset, expiresOn: p.expiresOn, amount });
  }
  return residents;
}

/** The text `bytes` are the UTF-8 encoding of, or undefined if they are not valid UTF-8. */
function utf8Text(bytes: Uint8Array): string | undefined {
  let ascii = true;
  for (let i = 0; i < bytes.length && ascii; i++) ascii = bytes[i] < 0x80;
  // Leaves are ASCII but for names in other scripts; ASCII needs no decoder and no check.
  if (ascii && bytes.length <= ASCII_CHUNK) {
    // apply takes an array-like (ES5); spreading a typed array is several times slower.
    return String.fromCharCode.apply(null, bytes as unknown as number[]);
  }
  const text = decodeUtf8(bytes);
  const again = encodeUtf8Strict(text);
  return again !== undefined && equalBytes(again, bytes) ? text : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDay(value: unknown): value is string {
  const m = typeof value === 'string' ? DAY_TEXT.exec(value) : null;
  if (m === null) return false;
  const [year, month, day] = [+m[1], +m[2], +m[3]];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

function bytesOf(value: unknown, size: number): Uint8Array | undefined {
  const bytes = typeof value === 'string' ? decodeBase64(value) : undefined;
  return bytes !== undefined && bytes.length === size ? bytes : undefined;
}

function bad(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

function show(value: unknown): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}
