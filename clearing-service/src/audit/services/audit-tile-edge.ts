import { Injectable } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { CompleteTiles } from '../tree/complete-tiles';

/** What the tiles route sends with a full tile (a full tile never changes). */
export const FULL_TILE_HEADERS = {
  'content-type': 'application/octet-stream',
  'cache-control': 'public, max-age=31536000, immutable',
} as const;

// A full hash tile's path: no `.p/<W>` (partial) and no query. Entry bundles are left to the
// route, which answers by Accept-Encoding.
const FULL_HASH_TILE = /^\/v1\/programs\/[^/?]+\/audit\/tile\/\d+\/[x\d/]+$/;

/**
 * The public log's hottest answers served before the framework: a full hash tile that the tiles
 * route has served once is answered again from memory in Fastify's onRequest, as a CDN in front
 * would answer it, without the guard, the pipes and the handler (the same bytes and headers; the
 * request id and /metrics still see it). Full tiles never change, and only ones the route checked
 * against a signed checkpoint are kept, so nothing is served that the route would not serve.
 */
@Injectable()
export class AuditTileEdge {
  private readonly byPath = new CompleteTiles(2_000, null);

  /** The route served this full tile at this exact path. */
  remember(path: string, bytes: Buffer): void {
    if (FULL_HASH_TILE.test(path)) this.byPath.offer(path, bytes);
  }

  attach(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply, done) => {
      const bytes = request.method === 'GET' ? this.byPath.get(request.url) : undefined;
      if (bytes === undefined) return done();
      void reply.headers(FULL_TILE_HEADERS).send(bytes);
    });
  }
}
