import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AUDIT_BALANCES_PAGE,
  AUDIT_CHECKPOINTS_PAGE,
  AuditBalancesQuery,
  AuditBalancesView,
  AuditCheckpointsQuery,
  AuditCheckpointsView,
} from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Public } from '../../tenancy/access/access.decorators';
import type { Program } from '../../tenancy/entities/program.entity';
import { AuditBalances } from '../services/audit-balances';
import { AuditCheckpoints } from '../services/audit-checkpoints';
import { AuditPrograms } from '../services/audit-programs';

// Local aliases: decorator metadata then records Object, not the zod schemas.
type CheckpointsQuery = z.infer<typeof AuditCheckpointsQuery>;
type BalancesQuery = z.infer<typeof AuditBalancesQuery>;

/**
 * What an independent verifier reads besides leaves and proofs (public): every signed checkpoint,
 * to check each consistency step, and the service's balances as of a size, to compare with its
 * replay of the leaves.
 */
@ApiTags('audit')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/audit')
export class AuditHistoryController {
  constructor(
    private readonly auditPrograms: AuditPrograms,
    private readonly checkpoints: AuditCheckpoints,
    private readonly balances: AuditBalances,
  ) {}

  @Get('checkpoints')
  @Public()
  @ApiOperation({
    summary: `Every signed checkpoint, oldest first, at most ${AUDIT_CHECKPOINTS_PAGE} a page, each note with its witness cosignatures (public)`,
  })
  @ApiQuery({ name: 'after', required: false, description: 'tree size; default 0' })
  @ApiQuery({ name: 'limit', required: false, description: 'default 100' })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditCheckpointsView) })
  async history(
    @Param('program') code: string,
    @Query(new ZodPipe(AuditCheckpointsQuery, 'query')) q: CheckpointsQuery,
  ): Promise<AuditCheckpointsView> {
    const program = await this.program(code);
    return this.checkpoints.history(program.id, q.after, q.limit);
  }

  @Get('balances')
  @Public()
  @ApiOperation({
    summary: `Each ledger account’s balance and stored postings as of a tree size, by account id, at most ${AUDIT_BALANCES_PAGE} a page (public)`,
  })
  @ApiQuery({ name: 'size', required: false, description: 'default: the latest checkpoint size' })
  @ApiQuery({ name: 'after', required: false, description: 'account id; default 0' })
  @ApiQuery({ name: 'limit', required: false, description: `default ${AUDIT_BALANCES_PAGE}` })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditBalancesView) })
  async balancesAt(
    @Param('program') code: string,
    @Query(new ZodPipe(AuditBalancesQuery, 'query')) q: BalancesQuery,
  ): Promise<AuditBalancesView> {
    const program = await this.program(code);
    return this.balances.page(program.id, q.size, q.after, q.limit);
  }

  private program(code: string): Promise<Program> {
    return this.auditPrograms.find(code);
  }
}
