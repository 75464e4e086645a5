import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { FundingView, TopUpCreate, TopUpResult } from '@tanlian/sdk';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { FundingService } from '../services/funding.service';

@ApiTags('funding')
@ApiParam({ name: 'program', description: 'Program code' })
@ApiParam({ name: 'participant', description: 'Operator (participant) code' })
@Controller('v1/programs/:program/participants/:participant/funding')
export class FundingController {
  constructor(private readonly funding: FundingService) {}

  @Get()
  @Allow('admin', 'bureau', 'operator')
  @ApiOperation({
    summary:
      "An operator's points funding: prepaid block, points issued, points waiting for a top-up",
  })
  @ApiOkResponse({ schema: openApiOutputSchema(FundingView) })
  view(@Tenancy() tenancy: TenancyContext): Promise<FundingView> {
    return this.funding.view(tenancy.program, tenancy.participant);
  }

  @Post('top-ups')
  @Allow('admin')
  @ApiOperation({
    summary:
      "Record a prepaid operator's top-up (idempotent by reference); waiting points are issued from it oldest first",
  })
  @ApiBody({ schema: openApiSchema(TopUpCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(TopUpResult) })
  topUp(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(TopUpCreate)) body: TopUpCreate,
  ): Promise<TopUpResult> {
    return this.funding.topUp(tenancy.program, tenancy.participant, body);
  }
}
