// What the browser tests do through the API themselves (as an operator's gateway, a resident's
// phone or a merchant's till would), to give the console something real to show.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { signWebhook } = require('@tanlian/sdk');

export function apiOf(base, program) {
  const call = async (method, path, { token, body, headers = {} } = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, body: json };
  };
  const p = `/v1/programs/${program}`;
  return {
    call,
    /** One metro ride pushed as the operator's gateway does: signed with its webhook secret. */
    async push(operator, secret, event) {
      const raw = JSON.stringify(event);
      const headers = signWebhook({
        id: `msg_${randomUUID()}`,
        timestamp: Math.floor(Date.now() / 1000),
        body: raw,
        keys: [secret],
      });
      const res = await fetch(`${base}${p}/operators/${operator}/events`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: raw,
      });
      return res.status;
    },
    async residentSession(openid) {
      const res = await call('POST', `${p}/residents/sessions`, {
        body: { code: `dev:${openid}` },
      });
      if (res.status !== 201)
        throw new Error(`resident sign-in: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token;
    },
    async eventStatus(operator, token, id) {
      return (await call('GET', `${p}/operators/${operator}/events/${id}`, { token })).body;
    },
    async waitForStatus(operator, token, id, statuses, ms = 30_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const s = await this.eventStatus(operator, token, id);
        if (statuses.includes(s?.status)) return s;
        if (Date.now() > deadline) throw new Error(`${id} still ${JSON.stringify(s)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    p,
  };
}

export function metroRide(id, user, minutesAgo, distanceM = 8000) {
  const start = Date.now() - minutesAgo * 60_000;
  return {
    id,
    user,
    behaviour: 'metro',
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + 20 * 60_000).toISOString(),
    activity: { distanceM },
  };
}
