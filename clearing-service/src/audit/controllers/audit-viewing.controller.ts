import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AUDIT_LEAVES_PAGE,
  AUDIT_VIEWING_PAGE,
  AuditResidentBalancesQuery,
  AuditResidentBalancesView,
  AuditViewingEntriesQuery,
  AuditViewingEntriesView,
  AuditViewingResidentsQuery,
  AuditViewingResidentsView,
} from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { AuditViewing } from '../services/audit-viewing';

// Plain aliases: naming the zod schemas as parameter types would hand swagger non-classes.
type ResidentsPage = z.infer<typeof AuditViewingResidentsQuery>;
type EntriesRange = z.infer<typeof AuditViewingEntriesQuery>;
type BalancesPage = z.infer<typeof AuditResidentBalancesQuery>;

/**
 * What the bureau's viewing key opens, for `tanlian-verify --viewing-key` (docs/private-log.md):
 * only to the program's bureau, as these link every resident's entries to one another.
 */
@ApiTags('audit')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/audit/viewing')
export class AuditViewingController {
  constructor(private readonly viewing: AuditViewing) {}

  @Get('residents')
  @Allow('bureau')
  @ApiOperation({
    summary: `Every resident’s keys, wrapped under the program’s viewing key, at most ${AUDIT_VIEWING_PAGE} residents a page (bureau)`,
    description:
      'Each resident (r_…) with every key of theirs (from a sequence number on), each wrapped under the viewing key the CLI issued (`tanlian audit:viewing-key`): with it the bureau opens every resident entry’s tag. 404 viewing_key_not_issued before one was issued.',
  })
  @ApiQuery({ name: 'after', required: false, description: 'next of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: `default ${AUDIT_VIEWING_PAGE}` })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditViewingResidentsView) })
  residents(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(AuditViewingResidentsQuery, 'query')) q: ResidentsPage,
  ): Promise<AuditViewingResidentsView> {
    return this.viewing.wrappedResidents(tenancy.program, q.after, q.limit);
  }

  @Get('entries')
  @Allow('bureau')
  @ApiOperation({
    summary: `The private part of every resident entry among leaves [start, end), at most ${AUDIT_LEAVES_PAGE} leaves (bureau)`,
    description:
      'Each entry’s private part exactly as committed (behaviour, district, methodology, event, lots): checked against the entry’s commitment with the resident’s key.',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditViewingEntriesView) })
  entries(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(AuditViewingEntriesQuery, 'query')) q: EntriesRange,
  ): Promise<AuditViewingEntriesView> {
    return this.viewing.entries(tenancy.program, q.start, q.end);
  }

  @Get('balances')
  @Allow('bureau')
  @ApiOperation({
    summary: `Every resident lot’s balance and stored postings as of a tree size, at most ${AUDIT_VIEWING_PAGE} a page (bureau)`,
    description:
      'The per-resident list the public balances pool: compared with the bureau’s replay of every resident’s entries.',
  })
  @ApiQuery({ name: 'size', required: false, description: 'default: the latest checkpoint size' })
  @ApiQuery({ name: 'after', required: false, description: 'next of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: `default ${AUDIT_VIEWING_PAGE}` })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditResidentBalancesView) })
  balances(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(AuditResidentBalancesQuery, 'query')) q: BalancesPage,
  ): Promise<AuditResidentBalancesView> {
    return this.viewing.balances(tenancy.program.id, q.size, q.after, q.limit);
  }
}
