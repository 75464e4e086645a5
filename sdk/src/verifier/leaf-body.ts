// One leaf's data, checked as the service must have written it: version byte, then RFC 8785
// canonical JSON (re-encoding gives the same bytes) of an object with a known `type`, this
// program's code and a time.
import { equalBytes } from '../audit/bytes';
import { canonicalJson } from '../encoding/canonical-json';
import { encodeUtf8Strict } from '../encoding/utf8';
import { stop } from './discrepancy';
import { isKnownLeafType, LEAF_VERSION } from './leaf-types';
import { decodeUtf8 } from '../encoding/utf8';

export interface LeafBody {
  readonly type: string;
  readonly program: string;
  readonly at: string;
  readonly transaction?: unknown;
  readonly [field: string]: unknown;
}

export function checkLeafBody(data: Uint8Array, leafIndex: number, program: string): LeafBody {
  const at = { leafIndex };
  if (data.length === 0 || data[0] !== LEAF_VERSION) {
    stop('leaf', `leaf ${leafIndex} does not start with version byte ${LEAF_VERSION}`, at);
  }
  const json = data.subarray(1);
  const body = parseCanonical(json);
  if (body === undefined) {
    stop('leaf', `leaf ${leafIndex} is not canonical JSON (RFC 8785)`, at);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    stop('leaf', `leaf ${leafIndex} is not a JSON object`, at);
  }
  const { type, program: leafProgram, at: time } = body as Record<string, unknown>;
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
  if (typeof time !== 'string' || time === '') {
    stop('leaf', `leaf ${leafIndex} has no time ("at")`, at);
  }
  return body as LeafBody;
}

/** The parsed JSON, or undefined unless `bytes` are exactly its canonical UTF-8 encoding. */
function parseCanonical(bytes: Uint8Array): unknown {
  try {
    const value: unknown = JSON.parse(decodeUtf8(bytes));
    const again = encodeUtf8Strict(canonicalJson(value));
    return again !== undefined && equalBytes(again, bytes) ? value : undefined;
  } catch {
    return undefined; // not JSON, or a value canonical JSON refuses (floats, huge numbers)
  }
}
