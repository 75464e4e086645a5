import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CallbackDeliveriesQuery, CallbackDeliveryList } from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { CallbackDeliveriesReader } from '../services/callback-deliveries.reader';

// A plain alias: naming the zod schema itself as the parameter type would hand swagger a non-class.
type DeliveriesQuery = z.infer<typeof CallbackDeliveriesQuery>;

@ApiTags('callbacks')
@ApiParam({ name: 'program', description: 'Program code' })
@ApiParam({ name: 'participant', description: 'Participant code (an operator or a merchant)' })
@Controller('v1/programs/:program/participants/:participant/callback/deliveries')
export class CallbackDeliveriesController {
  constructor(private readonly deliveries: CallbackDeliveriesReader) {}

  @Get()
  @Allow('admin', 'operator', 'merchant')
  @ApiOperation({
    summary: "The participant's recent callback deliveries, newest first, and where each stands",
  })
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
}
