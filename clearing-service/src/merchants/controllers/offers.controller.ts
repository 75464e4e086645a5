import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { MerchantListQuery, OfferCreate, OffersPage, OfferUpdate, OfferView } from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { MerchantOffersService } from '../services/merchant-offers.service';
import { offerParam } from './path-params';

// Local aliases: decorator metadata then records Object, not the zod schemas.
type ListQuery = z.infer<typeof MerchantListQuery>;
type CreateBody = z.infer<typeof OfferCreate>;
type UpdateBody = z.infer<typeof OfferUpdate>;

@ApiTags('merchants')
@ApiParam({ name: 'program', description: 'Program code' })
@ApiParam({ name: 'participant', description: 'Merchant (participant) code' })
@Controller('v1/programs/:program/participants/:participant/offers')
export class OffersController {
  constructor(private readonly offers: MerchantOffersService) {}

  @Post()
  @Allow('admin', 'merchant')
  @ApiOperation({
    summary:
      'Add an offer of the merchant: price in points, stock, window, limit, accepted issuers',
  })
  @ApiBody({ schema: openApiSchema(OfferCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(OfferView) })
  create(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(OfferCreate)) body: CreateBody,
  ): Promise<OfferView> {
    return this.offers.create(tenancy.program, tenancy.participant, body);
  }

  @Get()
  @Allow('admin', 'bureau', 'merchant')
  @ApiOperation({ summary: "The merchant's offers by code, live or not, a page at a time" })
  @ApiQuery({ name: 'after', required: false, description: 'the `next` of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: 'default 50' })
  @ApiOkResponse({ schema: openApiOutputSchema(OffersPage) })
  list(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(MerchantListQuery, 'query')) query: ListQuery,
  ): Promise<OffersPage> {
    return this.offers.list(tenancy.program, tenancy.participant, query);
  }

  @Get(':offer')
  @Allow('admin', 'bureau', 'merchant')
  @ApiParam({ name: 'offer', description: "The merchant's code of the offer" })
  @ApiOperation({ summary: 'One offer of the merchant, live or not' })
  @ApiOkResponse({ schema: openApiOutputSchema(OfferView) })
  get(
    @Tenancy() tenancy: TenancyContext,
    @Param('offer', offerParam) offer: string,
  ): Promise<OfferView> {
    return this.offers.get(tenancy.program, tenancy.participant, offer);
  }

  @Patch(':offer')
  @Allow('admin', 'merchant')
  @ApiParam({ name: 'offer', description: "The merchant's code of the offer" })
  @ApiOperation({
    summary:
      "Change an offer's title, description, price, stock, window, limit, accepted issuers or status",
  })
  @ApiBody({ schema: openApiSchema(OfferUpdate) })
  @ApiOkResponse({ schema: openApiOutputSchema(OfferView) })
  update(
    @Tenancy() tenancy: TenancyContext,
    @Param('offer', offerParam) offer: string,
    @Body(new ZodPipe(OfferUpdate)) body: UpdateBody,
  ): Promise<OfferView> {
    return this.offers.update(tenancy.program, tenancy.participant, offer, body);
  }
}
