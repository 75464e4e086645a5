// The three Standard Webhooks headers, and reading them from whatever header object an HTTP
// framework hands over (names in any case, values possibly repeated as arrays).

export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

/**
 * Headers to send with a signed webhook. A type alias, not an interface, so it can be passed
 * straight to anything typed as a header record (IncomingHeaders, fetch, axios).
 */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** Request headers as Node, Express, Koa, Fastify and most adapters expose them. */
export type IncomingHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Every non-empty value of header `name` (lower case), matching names case-insensitively. */
export function headerValues(headers: unknown, name: string): string[] {
  const values: string[] = [];
  if (typeof headers !== 'object' || headers === null) return values;
  const record = headers as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key.length !== name.length || key.toLowerCase() !== name) continue;
    const value = record[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string' && item.trim() !== '') values.push(item.trim());
    }
  }
  return values;
}
