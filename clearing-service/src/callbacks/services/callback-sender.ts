import { signWebhook } from '@tanlian/sdk';

export interface CallbackRequest {
  deliveryId: string;
  url: string;
  body: string;
  /** whsec_ secrets to sign with: the current one, and the previous one during a rotation. */
  keys: string[];
  timeoutMs: number;
}

/** What one attempt came to: the HTTP status when the receiver answered, else why not. */
export interface CallbackAnswer {
  statusCode: number | null;
  error: string | null;
}

/**
 * POSTs one callback, signed as a Standard Webhook: webhook-id is the delivery id (the same on
 * every attempt, so the receiver can dedupe), webhook-timestamp is this attempt's. Never throws.
 * Redirects are not followed: a receiver that moved must say so with PUT …/callback.
 */
export async function sendCallback(req: CallbackRequest): Promise<CallbackAnswer> {
  const headers = signWebhook({
    id: req.deliveryId,
    timestamp: Math.floor(Date.now() / 1000),
    body: req.body,
    keys: req.keys,
  });
  try {
    const response = await fetch(req.url, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'user-agent': 'Tanlian-Callbacks/1',
      },
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    // The answer's body means nothing to us; release the connection without reading it.
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { statusCode: response.status, error: ok ? null : `answered HTTP ${response.status}` };
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string } };
    const error =
      e.name === 'TimeoutError'
        ? `no answer within ${req.timeoutMs} ms`
        : `request failed (${e.cause?.code ?? e.message ?? e.name})`;
    return { statusCode: null, error };
  }
}
