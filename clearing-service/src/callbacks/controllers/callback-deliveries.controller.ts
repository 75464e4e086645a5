import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  CallbackDeliveriesQuery,
  CallbackDeliveryId,
  CallbackDeliveryList,
  CallbackDeliveryView,
} from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { CallbackDeliveriesReader } from '../services/callback-deliveries.reader';
import { CallbackRedelivery } from '../services/callback-redelivery';

// A plain alias: naming the zod schema itself as the parameter type would hand swagger a non-class.
type DeliveriesQuery = z.infer<typeof CallbackDeliveriesQuery>;

@ApiTags('callbacks')
@ApiParam({ name: 'program', description: 'Program code' })
@ApiParam({ name: 'participant', description: 'Participant code (an operator or a merchant)' })
@Controller('v1/programs/:program/participants/:participant/callback/deliveries')
export class CallbackDeliveriesController {
  constructor(
    private readonly deliveries: CallbackDeliveriesReader,
    private readonly redelivery: CallbackRedelivery,
  ) {}

  @Get()
  @Allow('admin', 'operator', 'merchant')
  @ApiOperation({
    summary:
      "The participant's callback deliveries, newest first a page at a time, and where each stands",
  })
  @ApiQuery({ name: 'after', required: false, description: 'the `next` of the previous page' })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: ['pending', 'delivered', 'failed', 'cancelled'],
  })
  @ApiQuery({ name: 'limit', required: false, description: '1-100 (default 20)' })
  @ApiOkResponse({ schema: openApiOutputSchema(CallbackDeliveryList) })
  list(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(CallbackDeliveriesQuery, 'query')) query: DeliveriesQuery,
  ): Promise<CallbackDeliveryList> {
    return this.deliveries.list(tenancy.participant.id, query);
  }

  @Post(':delivery/redeliver')
  @HttpCode(200)
  @Allow('admin', 'operator')
  @ApiParam({ name: 'delivery', description: 'The delivery id (cbd_…), its webhook-id' })
  @ApiOperation({
    summary:
      'Send a delivered, failed or cancelled delivery again, under the same webhook-id; 409 while it is pending or callbacks are stopped',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(CallbackDeliveryView) })
  redeliver(
    @Tenancy() tenancy: TenancyContext,
    @Param('delivery', new ZodPipe(CallbackDeliveryId, 'delivery')) delivery: string,
  ): Promise<CallbackDeliveryView> {
    return this.redelivery.redeliver(tenancy.participant, delivery);
  }
}
