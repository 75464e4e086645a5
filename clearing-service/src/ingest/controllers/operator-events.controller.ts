import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  BehaviourEvent,
  EventBatch,
  EventBatchResult,
  EventReceipt,
  EventStatus,
  EventStatusView,
  MAX_EVENTS_PER_BATCH,
  OPERATOR_EVENTS_PAGE,
  OperatorEventsPage,
  OperatorEventsQuery,
} from '@tanlian/sdk';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { eventIdConflict } from '../ingest-errors';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ValidationFailed } from '../../http/validation-error';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, SignedByOperator, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { OperatorSignatureGuard, signedOperatorOf } from '../operator-signature.guard';
import { EventIntake } from '../services/event-intake';
import { EventStatusReader } from '../services/event-status.reader';

// A plain alias: naming the zod schema itself as the parameter type would hand swagger a non-class.
type EventsQuery = z.infer<typeof OperatorEventsQuery>;

@ApiTags('events')
@ApiParam({ name: 'program', description: 'Program code' })
@ApiParam({ name: 'operator', description: 'Operator (participant) code' })
@Controller('v1/programs/:program/operators/:operator/events')
export class OperatorEventsController {
  constructor(
    private readonly intake: EventIntake,
    private readonly statuses: EventStatusReader,
  ) {}

  @Post()
  @SignedByOperator()
  @UseGuards(OperatorSignatureGuard)
  @HttpCode(202)
  @ApiOperation({
    summary: `Push one behaviour event, or {"events": [...]} with up to ${MAX_EVENTS_PER_BATCH}`,
    description:
      'Signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature; v1 HMAC or v1a Ed25519). ' +
      'An accepted event is stored before the answer. A single event answers 202 with its receipt (a redelivery ' +
      'gets the identical receipt), 409 when its id was used for a different body, 422 naming each bad field. ' +
      'A batch answers 200 with a result per event: each is accepted, conflict or invalid on its own.',
  })
  @ApiBody({ schema: { oneOf: [openApiSchema(BehaviourEvent), openApiSchema(EventBatch)] } })
  @ApiResponse({
    status: 202,
    description: 'Stored (single event)',
    schema: openApiOutputSchema(EventReceipt),
  })
  @ApiResponse({
    status: 200,
    description: 'Per-event results (batch)',
    schema: openApiOutputSchema(EventBatchResult),
  })
  async push(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<EventReceipt | EventBatchResult> {
    const { program, operator } = signedOperatorOf(request);
    if (body !== null && typeof body === 'object' && 'events' in body) {
      const batch = EventBatch.safeParse(body);
      if (!batch.success) throw ValidationFailed.fromZod(batch.error);
      const results = await this.intake.accept(
        program,
        operator,
        batch.data.events,
        (i) => `events[${i}]`,
      );
      void reply.status(200);
      const accepted = results.filter((r) => r.outcome === 'accepted').length;
      return { accepted, refused: results.length - accepted, results };
    }
    if (body === undefined || body === null) {
      throw new ValidationFailed([
        { field: 'body', reason: 'is required (an event or {"events": [...]})' },
      ]);
    }
    const [result] = await this.intake.accept(program, operator, [body], () => '');
    if (result.outcome === 'invalid') throw new ValidationFailed(result.errors ?? []);
    if (result.outcome === 'conflict') {
      throw eventIdConflict(result.id);
    }
    return result.receipt!;
  }

  @Get()
  @Allow('admin', 'bureau', 'operator')
  @ApiOperation({
    summary:
      "The operator's events, newest first, a page at a time: filter by status, behaviour and time received",
  })
  @ApiQuery({ name: 'status', required: false, enum: EventStatus.options })
  @ApiQuery({ name: 'behaviour', required: false, description: 'e.g. metro' })
  @ApiQuery({ name: 'from', required: false, description: 'received at or after (ISO 8601)' })
  @ApiQuery({ name: 'to', required: false, description: 'received before (ISO 8601)' })
  @ApiQuery({ name: 'after', required: false, description: 'the `next` of the previous page' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `1-${OPERATOR_EVENTS_PAGE} (default 50)`,
  })
  @ApiOkResponse({ schema: openApiOutputSchema(OperatorEventsPage) })
  list(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(OperatorEventsQuery, 'query')) query: EventsQuery,
  ): Promise<OperatorEventsPage> {
    return this.statuses.list(tenancy.program.id, tenancy.participant.id, query);
  }

  @Get(':eventId')
  @Allow('admin', 'bureau', 'operator')
  @ApiParam({ name: 'eventId', description: "The operator's event id" })
  @ApiOperation({
    summary:
      'Where an event stands: accepted → credited | capped | rejected | pending_binding | overlapping',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(EventStatusView) })
  status(
    @Tenancy() tenancy: TenancyContext,
    @Param('eventId') eventId: string,
  ): Promise<EventStatusView> {
    return this.statuses.get(tenancy.program.id, tenancy.participant.id, eventId);
  }
}
