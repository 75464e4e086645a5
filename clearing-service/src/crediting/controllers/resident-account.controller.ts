import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AccountHistoryQuery, ResidentAccountView } from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { signedInResident } from '../../residents/controllers/signed-in-resident';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { ResidentAccountReader } from '../../read-models/resident-account';

// A plain alias: naming the zod schema itself as the parameter type would hand swagger a non-class.
type HistoryPage = z.infer<typeof AccountHistoryQuery>;

@ApiTags('residents')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/residents/me/account')
export class ResidentAccountController {
  constructor(private readonly accounts: ResidentAccountReader) {}

  @Get()
  @Allow('resident')
  @ApiOperation({
    summary:
      "The signed-in resident's carbon account: total reduction, points by expiry, and history",
    description:
      'Each history record names the methodology code@version and the formula with its numbers filled in, and carries a receipt: its audit-log leaf index and hash. The page carries the latest signed checkpoint once; the app computes each inclusion proof from the public `audit/tile/…` routes and checks it with @tanlian/sdk verifyPageReceipt against the pinned log key.',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'History page size, 1-200 (default 50)',
  })
  @ApiQuery({ name: 'before', required: false, description: 'nextBefore of the previous page' })
  @ApiOkResponse({ schema: openApiOutputSchema(ResidentAccountView) })
  account(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(AccountHistoryQuery, 'query')) query: HistoryPage,
  ): Promise<ResidentAccountView> {
    const { residentId } = signedInResident(tenancy);
    return this.accounts.read(tenancy.program, residentId, query);
  }
}
