import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ResidentEntriesQuery, ResidentEntriesView } from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { signedInResident } from '../../residents/controllers/signed-in-resident';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { checkpointNotFound } from '../audit-errors';
import { ResidentEntriesReader } from '../services/resident-entries.reader';

// A plain alias: naming the zod schema itself as the parameter type would hand swagger a non-class.
type EntriesPage = z.infer<typeof ResidentEntriesQuery>;

/** The signed-in resident's own entries in the log, with their keys: what verifyAccount needs. */
@ApiTags('residents')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/residents/me/audit-entries')
export class ResidentEntriesController {
  constructor(private readonly entries: ResidentEntriesReader) {}

  @Get()
  @Allow('resident')
  @ApiOperation({
    summary: "The signed-in resident's entries in the audit log, with their keys and proofs",
    description:
      'Every entry of the resident in the latest signed checkpoint, oldest first, each with its private part and an inclusion proof, and the keys that open the entries’ tags: run @tanlian/sdk verifyAccount on them to check that no entry is missing, forked or foreign, and that the balance is their sum (docs/private-log.md). 404 checkpoint_not_found before the log has a checkpoint.',
  })
  @ApiQuery({ name: 'after', required: false, description: 'next of the previous page' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'Entries per page, 1-1000 (default 1000)',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(ResidentEntriesView) })
  async list(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(ResidentEntriesQuery, 'query')) query: EntriesPage,
  ): Promise<ResidentEntriesView> {
    const { residentId } = signedInResident(tenancy);
    const page = await this.entries.page(tenancy.program, residentId, query);
    if (!page) throw checkpointNotFound(`No checkpoint of ${tenancy.program.code} yet`);
    return page;
  }
}
