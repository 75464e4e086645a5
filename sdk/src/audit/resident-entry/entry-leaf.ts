// A resident's entry as a leaf of leaf format 2: the public body with the entry's tag and
// commitment, and the private part they commit to. The service writes every resident entry with
// this; the phone and the bureau check with the same functions.
import { canonicalJson, type CanonicalValue } from '../../encoding/canonical-json';
import { encodeBase64 } from '../../encoding/base64';
import { encodeUtf8 } from '../../encoding/utf8';
import type { LogHash } from '../hash';
import { leafHash } from '../tree-hash';
import type { KeyedHash } from './keyed-hash';
import { entryCommitment, residentTag } from './resident-tag';

/** First byte of a leaf written since the private log: its format. */
export const LEAF_FORMAT_2 = 0x02;

/** Where a resident's chain stands: entries written so far, and the last one's leaf hash. */
export interface ChainState {
  readonly seq: number;
  readonly previousLeafHash: Uint8Array;
}

export interface ResidentEntryInput {
  /** The public body without `entry`: type, program, day, transaction. */
  readonly body: { readonly [field: string]: CanonicalValue };
  /** What the commitment hides: behaviour, district, methodology, event, lot… (`seq` is added). */
  readonly secret: { readonly [field: string]: CanonicalValue };
}

export interface ResidentEntryLeaf {
  /** Leaf data: 0x02 ‖ canonical JSON of the public body. */
  readonly data: Uint8Array;
  readonly leafHash: Uint8Array;
  /** The private part exactly as committed (canonical JSON, with `seq`). */
  readonly privateJson: string;
  readonly seq: number;
}

/**
 * The leaf of the resident's next entry, and the chain state after it. `utf8`: how text becomes
 * bytes (the service passes Node's Buffer.from; the same bytes, faster).
 */
export function residentEntryLeaf(
  hash: LogHash,
  hmac: KeyedHash,
  key: Uint8Array,
  chain: ChainState,
  input: ResidentEntryInput,
  utf8: (text: string) => Uint8Array = encodeUtf8,
): { leaf: ResidentEntryLeaf; next: ChainState } {
  const seq = chain.seq;
  const privateJson = canonicalJson({ ...input.secret, seq });
  const entry = {
    tag: encodeBase64(residentTag(hmac, key, seq, chain.previousLeafHash)),
    commitment: encodeBase64(entryCommitment(hmac, key, seq, privateJson, utf8)),
  };
  const data = formatLeaf({ ...input.body, entry }, utf8);
  const hashOfLeaf = leafHash(hash, data);
  return {
    leaf: { data, leafHash: hashOfLeaf, privateJson, seq },
    next: { seq: seq + 1, previousLeafHash: hashOfLeaf },
  };
}

/** 0x02 ‖ canonical JSON: an organisation's leaf of format 2 too. */
export function formatLeaf(
  body: { readonly [field: string]: CanonicalValue },
  utf8: (text: string) => Uint8Array = encodeUtf8,
): Uint8Array {
  const json = utf8(canonicalJson(body));
  const data = new Uint8Array(1 + json.length);
  data[0] = LEAF_FORMAT_2;
  data.set(json, 1);
  return data;
}
