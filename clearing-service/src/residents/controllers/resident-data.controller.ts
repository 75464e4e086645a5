import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ResidentDataExport } from '@tanlian/sdk';
import type { DataSource } from 'typeorm';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { residentExport } from '../../read-models/resident-export';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { signedInResident } from './signed-in-resident';

/** The resident's own data, exported (PIPL): machine-readable, everything held about them. */
@ApiTags('residents')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/residents/me/export')
export class ResidentDataController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @Allow('resident')
  @ApiOperation({
    summary:
      'Everything the service holds about you, as JSON: your ids, bindings, sessions, records, lots, redemptions, codes, subscriptions, messages and audit keys',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(ResidentDataExport) })
  async export(@Tenancy() tenancy: TenancyContext): Promise<ResidentDataExport> {
    // One REPEATABLE READ snapshot, so the tables agree with one another.
    return this.db.transaction('REPEATABLE READ', (tx) =>
      residentExport(tx, signedInResident(tenancy).residentId),
    ) as Promise<ResidentDataExport>;
  }
}
