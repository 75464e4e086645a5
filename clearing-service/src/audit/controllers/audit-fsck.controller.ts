import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuditFsckView } from '@tanlian/sdk';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { AuditFsck } from '../services/audit-fsck';

/** The bureau's view of the service's scheduled self-check of the program's audit log. */
@ApiTags('audit')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/audit/fsck')
export class AuditFsckController {
  constructor(private readonly fsck: AuditFsck) {}

  @Get()
  @Allow('admin', 'bureau')
  @ApiOperation({
    summary: 'The latest self-check of the audit log (the fsck): pass, or the first discrepancy',
    description:
      'The worker runs the same checks as `npx tanlian-verify` on its own log every AUDIT_FSCK_INTERVAL_MS (default 1 h): signatures, roots, consistency, leaf format, ledger replay against the stored postings and cached balances.',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditFsckView) })
  latest(@Tenancy() tenancy: TenancyContext): Promise<AuditFsckView> {
    return this.fsck.latest(tenancy.program.id);
  }
}
