import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AuditLogReader } from './audit-log-reader';
import { AuditPrograms } from './audit-programs';

// The one spelling a client formats (the sdk's and the bench's): the leaf index, then the size,
// both canonical decimals. Every other spelling, and every failure, is the route's to answer.
const INCLUSION =
  /^\/v1\/programs\/([A-Za-z0-9_-]{1,64})\/audit\/proof\/inclusion\?index=(0|[1-9]\d{0,14})&size=([1-9]\d{0,14})$/;

/**
 * Inclusion proofs served before the framework, as the tile edge serves full tiles: an auditor
 * fetches them by the thousand, and Nest's guard, pipes, interceptors and exception filter cost
 * as much as the proof itself (bench:audit's proof p99 against bare Fastify). The answer is the
 * route's own: the same AuditLogReader builds it, with the same checks, and it is sent with the
 * route's headers. Anything the edge is not sure of (another spelling, an error) goes on to the
 * route, which answers it as it always has, so the edge never answers differently.
 */
@Injectable()
export class AuditProofEdge {
  constructor(
    private readonly auditPrograms: AuditPrograms,
    private readonly reader: AuditLogReader,
  ) {}

  attach(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply, done) => {
      const match = request.method === 'GET' ? INCLUSION.exec(request.url) : null;
      if (match === null) return done();
      this.answer(reply, match[1], Number(match[2]), Number(match[3])).then(
        (answered) => (answered ? undefined : done()),
        () => done(),
      );
    });
  }

  /** Whether the proof was sent; false leaves the request to the route. */
  private async answer(
    reply: FastifyReply,
    code: string,
    index: number,
    size: number,
  ): Promise<boolean> {
    if (index >= size) return false;
    const program = await this.auditPrograms.find(code);
    const proof = await this.reader.inclusion(program, index, size);
    void reply
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify(proof));
    return true;
  }
}
