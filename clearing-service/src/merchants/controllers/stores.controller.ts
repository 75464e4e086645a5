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
import { MerchantListQuery, StoreCreate, StoresPage, StoreUpdate, StoreView } from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { MerchantStoresService } from '../services/merchant-stores.service';
import { storeParam } from './path-params';

// Local aliases: decorator metadata then records Object, not the zod schemas.
type ListQuery = z.infer<typeof MerchantListQuery>;
type CreateBody = z.infer<typeof StoreCreate>;
type UpdateBody = z.infer<typeof StoreUpdate>;

@ApiTags('merchants')
@ApiParam({ name: 'program', description: 'Program code' })
@ApiParam({ name: 'participant', description: 'Merchant (participant) code' })
@Controller('v1/programs/:program/participants/:participant/stores')
export class StoresController {
  constructor(private readonly stores: MerchantStoresService) {}

  @Post()
  @Allow('admin', 'merchant')
  @ApiOperation({ summary: 'Add a store of the merchant (its code unique among its stores)' })
  @ApiBody({ schema: openApiSchema(StoreCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(StoreView) })
  create(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(StoreCreate)) body: CreateBody,
  ): Promise<StoreView> {
    return this.stores.create(tenancy.program, tenancy.participant, body);
  }

  @Get()
  @Allow('admin', 'bureau', 'merchant')
  @ApiOperation({ summary: "The merchant's stores by code, a page at a time" })
  @ApiQuery({ name: 'after', required: false, description: 'the `next` of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: 'default 50' })
  @ApiOkResponse({ schema: openApiOutputSchema(StoresPage) })
  list(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(MerchantListQuery, 'query')) query: ListQuery,
  ): Promise<StoresPage> {
    return this.stores.list(tenancy.program, tenancy.participant, query);
  }

  @Patch(':store')
  @Allow('admin', 'merchant')
  @ApiParam({ name: 'store', description: "The merchant's code of the store" })
  @ApiOperation({ summary: "Change a store's name or district" })
  @ApiBody({ schema: openApiSchema(StoreUpdate) })
  @ApiOkResponse({ schema: openApiOutputSchema(StoreView) })
  update(
    @Tenancy() tenancy: TenancyContext,
    @Param('store', storeParam) store: string,
    @Body(new ZodPipe(StoreUpdate)) body: UpdateBody,
  ): Promise<StoreView> {
    return this.stores.update(tenancy.program, tenancy.participant, store, body);
  }
}
