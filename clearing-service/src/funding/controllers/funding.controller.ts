import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreditLimitSet,
  FundingView,
  TopUpCreate,
  TopUpResult,
  TopUpsPage,
  TopUpsQuery,
} from '@tanlian/sdk';
import type { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { FundingService } from '../services/funding.service';

// A type alias: the schema's own name would be emitted as the parameter's design type.
type ListQuery = z.infer<typeof TopUpsQuery>;

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

  @Put('credit-limit')
  @Allow('admin')
  @ApiOperation({
    summary:
      "Set (or, with null, remove) a postpaid operator's credit limit on outstanding points; reaching it alerts the operator",
  })
  @ApiBody({ schema: openApiSchema(CreditLimitSet) })
  @ApiOkResponse({ schema: openApiOutputSchema(FundingView) })
  creditLimit(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(CreditLimitSet)) body: CreditLimitSet,
  ): Promise<FundingView> {
    return this.funding.setCreditLimit(tenancy.program, tenancy.participant, body);
  }

  @Get('top-ups')
  @Allow('admin', 'bureau', 'operator')
  @ApiOperation({
    summary:
      "A prepaid operator's top-ups, newest first: points, fen paid into its reserve, the reserve after each",
  })
  @ApiQuery({ name: 'before', required: false, description: 'the `next` of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1..100, default 20' })
  @ApiOkResponse({ schema: openApiOutputSchema(TopUpsPage) })
  topUps(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(TopUpsQuery, 'query')) query: ListQuery,
  ): Promise<TopUpsPage> {
    return this.funding.topUps(tenancy.program, tenancy.participant, query);
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
