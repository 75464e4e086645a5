// What a signature covers: `${id}.${timestamp}.${body}`, with the body as its exact bytes.
import { encodeUtf8 } from '../encoding/utf8';

export type WebhookBody = string | Uint8Array;

/**
 * The body as bytes: strings are UTF-8 encoded, byte arrays used as they are. Returns
 * undefined for anything else. Also accepts byte arrays from another JS realm (e.g. a Node
 * Buffer inside a jest sandbox), which fail `instanceof Uint8Array`.
 */
export function bodyBytes(body: unknown): Uint8Array | undefined {
  if (typeof body === 'string') return encodeUtf8(body);
  if (body instanceof Uint8Array) return body;
  if (Object.prototype.toString.call(body) === '[object Uint8Array]') {
    const foreign = body as Uint8Array;
    return new Uint8Array(foreign.buffer, foreign.byteOffset, foreign.byteLength);
  }
  return undefined;
}

export function signedContent(id: string, timestamp: number, body: Uint8Array): Uint8Array {
  const prefix = encodeUtf8(`${id}.${timestamp}.`);
  const content = new Uint8Array(prefix.length + body.length);
  content.set(prefix, 0);
  content.set(body, prefix.length);
  return content;
}
