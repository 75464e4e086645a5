// Cross-origin calls from the browser apps (the mini-program's H5 build, the operator console)
// served from origins other than the api's. Only the origins listed in CORS_ORIGINS may call;
// none is listed by default, so a deployment is closed until it names its apps. A preflight from
// another origin is refused with 403 and no CORS header, and a simple request from one gets its
// answer without the header, so the browser withholds it from the page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The code of a refused preflight (the sdk's catalog lists it). */
export const CORS_REFUSED = 'cors_origin_not_allowed';

const METHODS = 'GET, POST, PATCH, DELETE';
const HEADERS = 'authorization, content-type, idempotency-key';
const EXPOSED = 'x-request-id, retry-after, idempotent-replayed';
const MAX_AGE_SECONDS = '600';

export function attachCors(fastify: FastifyInstance, allowedOrigins: readonly string[]): void {
  const allowed = new Set(allowedOrigins);
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    const origin = request.headers.origin;
    if (origin === undefined) return done();
    const preflight =
      request.method === 'OPTIONS' &&
      request.headers['access-control-request-method'] !== undefined;
    if (!allowed.has(origin)) {
      if (!preflight) return done();
      void reply.code(403).send({
        code: CORS_REFUSED,
        message: `origin ${origin} may not call this api from a browser (not in CORS_ORIGINS)`,
        field: 'origin',
      });
      return;
    }
    void reply.header('access-control-allow-origin', origin).header('vary', 'origin');
    if (!preflight) {
      void reply.header('access-control-expose-headers', EXPOSED);
      return done();
    }
    void reply
      .code(204)
      .header('access-control-allow-methods', METHODS)
      .header('access-control-allow-headers', HEADERS)
      .header('access-control-max-age', MAX_AGE_SECONDS)
      .send();
  });
}
