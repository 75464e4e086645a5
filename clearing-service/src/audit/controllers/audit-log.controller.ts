import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  AUDIT_LEAVES_PAGE,
  AuditConsistencyProofView,
  AuditConsistencyQuery,
  AuditInclusionProofView,
  AuditInclusionQuery,
  AuditKeyAnnouncementsView,
  AuditKeysView,
  AuditLeavesQuery,
  AuditLeavesView,
  AuditProofSizeQuery,
} from '@tanlian/sdk';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Public } from '../../tenancy/access/access.decorators';
import type { Program } from '../../tenancy/entities/program.entity';
import { AuditKeyAnnouncements } from '../services/audit-key-announcements';
import { AuditPrograms } from '../services/audit-programs';
import { AuditLogReader } from '../services/audit-log-reader';
import type { LeafKind } from '../services/audit-log-writer';
import { AuditWitnesses } from '../services/audit-witnesses';

// Local aliases: decorator metadata then records Object, not the zod schemas.
type InclusionQuery = z.infer<typeof AuditInclusionQuery>;
type ConsistencyQuery = z.infer<typeof AuditConsistencyQuery>;
type LeavesQuery = z.infer<typeof AuditLeavesQuery>;
type SizeQuery = z.infer<typeof AuditProofSizeQuery>;

const idParam = new ZodPipe(
  z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive whole number')
    .transform(Number),
  'id',
);

/**
 * The audit log is public: anyone, with no key, can fetch signed checkpoints, the log's keys,
 * leaves and proofs, and check them with @tanlian/sdk. The guard does not resolve `:program` on
 * public routes, so this controller does.
 */
@ApiTags('audit')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/audit')
export class AuditLogController {
  constructor(
    private readonly auditPrograms: AuditPrograms,
    private readonly reader: AuditLogReader,
    private readonly witnesses: AuditWitnesses,
    private readonly announcements: AuditKeyAnnouncements,
  ) {}

  @Get('checkpoint')
  @Public()
  @ApiProduces('text/plain')
  @ApiOperation({
    summary: 'The latest signed checkpoint: a C2SP tlog-checkpoint signed note (public)',
  })
  @ApiOkResponse({ schema: { type: 'string' } })
  async checkpoint(
    @Param('program') code: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const note = await this.reader.checkpointNote(await this.program(code));
    // Set here, not with @Header: errors must still go out as JSON.
    void reply.header('content-type', 'text/plain; charset=utf-8');
    return note;
  }

  @Get('keys')
  @Public()
  @ApiOperation({
    summary: 'The public keys that sign this log’s checkpoints, and its witnesses’ keys (public)',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditKeysView) })
  async keys(@Param('program') code: string): Promise<AuditKeysView> {
    const program = await this.program(code);
    const [keys, witnesses] = await Promise.all([
      this.reader.keys(program),
      this.witnesses.list(program.id),
    ]);
    return { ...keys, witnesses };
  }

  @Get('keys/announcements')
  @Public()
  @ApiOperation({
    summary:
      'The leaves that activate or retire a checkpoint key, each proven in the first checkpoint covering it: an app pinned to the first key learns the later ones (public)',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditKeyAnnouncementsView) })
  async keyAnnouncements(@Param('program') code: string): Promise<AuditKeyAnnouncementsView> {
    return this.announcements.of(await this.program(code));
  }

  @Get('proof/inclusion')
  @Public()
  @ApiOperation({
    summary: 'Inclusion proof of leaf `index` in the tree of `size` leaves (public)',
  })
  @ApiQuery({ name: 'index', description: 'leaf index' })
  @ApiQuery({ name: 'size', description: 'tree size, at most the latest checkpoint size' })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditInclusionProofView) })
  async inclusion(
    @Param('program') code: string,
    @Query(new ZodPipe(AuditInclusionQuery, 'query')) q: InclusionQuery,
  ): Promise<AuditInclusionProofView> {
    const program = await this.program(code);
    return this.reader.inclusion(program, q.index, q.size);
  }

  @Get('proof/consistency')
  @Public()
  @ApiOperation({ summary: 'Consistency proof from tree size `from` to `to` (public)' })
  @ApiQuery({ name: 'from', description: 'older tree size, at least 1' })
  @ApiQuery({ name: 'to', description: 'newer tree size, at most the latest checkpoint size' })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditConsistencyProofView) })
  async consistency(
    @Param('program') code: string,
    @Query(new ZodPipe(AuditConsistencyQuery, 'query')) q: ConsistencyQuery,
  ): Promise<AuditConsistencyProofView> {
    const program = await this.program(code);
    return this.reader.consistency(program, q.from, q.to);
  }

  @Get('leaves')
  @Public()
  @ApiOperation({
    summary: `Leaf data of leaves [start, end), at most ${AUDIT_LEAVES_PAGE} per page, within the latest checkpoint (public)`,
  })
  @ApiQuery({ name: 'start', description: 'first leaf index' })
  @ApiQuery({
    name: 'end',
    description: `index after the last leaf, at most start + ${AUDIT_LEAVES_PAGE}`,
  })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditLeavesView) })
  async leaves(
    @Param('program') code: string,
    @Query(new ZodPipe(AuditLeavesQuery, 'query')) q: LeavesQuery,
  ): Promise<AuditLeavesView> {
    const program = await this.program(code);
    return this.reader.leaves(program, q.start, q.end, AUDIT_LEAVES_PAGE);
  }

  @Get('proof/transaction/:id')
  @Public()
  @ApiParam({ name: 'id', description: 'Ledger transaction id' })
  @ApiQuery({ name: 'size', required: false, description: 'default: the latest checkpoint size' })
  @ApiOperation({ summary: 'Leaf index and inclusion proof of a ledger transaction (public)' })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditInclusionProofView) })
  async transaction(
    @Param('program') code: string,
    @Param('id', idParam) id: number,
    @Query(new ZodPipe(AuditProofSizeQuery, 'query')) q: SizeQuery,
  ): Promise<AuditInclusionProofView> {
    return this.byRef(code, 'ledger_transaction', id, q.size);
  }

  @Get('proof/reduction/:id')
  @Public()
  @ApiParam({ name: 'id', description: 'Reduction id' })
  @ApiQuery({ name: 'size', required: false, description: 'default: the latest checkpoint size' })
  @ApiOperation({ summary: 'Leaf index and inclusion proof of a reduction (public)' })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditInclusionProofView) })
  async reduction(
    @Param('program') code: string,
    @Param('id', idParam) id: number,
    @Query(new ZodPipe(AuditProofSizeQuery, 'query')) q: SizeQuery,
  ): Promise<AuditInclusionProofView> {
    return this.byRef(code, 'reduction', id, q.size);
  }

  private async byRef(code: string, kind: LeafKind, id: number, size: number | undefined) {
    const program = await this.program(code);
    return this.reader.byRef(program, kind, id, size);
  }

  private program(code: string): Promise<Program> {
    return this.auditPrograms.find(code);
  }
}
