import {
  applyDecorators,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  HoldCapture,
  HoldCreate,
  HoldRefund,
  MerchantRedemptionPage,
  MerchantRedemptionsQuery,
  REDEMPTION_PAGE,
  RedemptionView,
} from '@tanlian/sdk';
import type { FastifyReply } from 'fastify';
import type { DataSource, EntityManager } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import { ensureOpenCycle } from '../../clearing/services/stamping';
import { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { IdempotencyKey, routeOf, sendAnswer } from '../../idempotency/idempotency-key';
import { IdempotentRequests } from '../../idempotency/idempotent-requests';
import { merchantNotFound } from '../../merchants/merchants-errors';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { principalScope } from '../../tenancy/access/principal';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import type { Participant } from '../../tenancy/entities/participant.entity';
import { HoldsService } from '../services/holds.service';
import { RedemptionReads } from '../services/redemption-reads';
import { redemptionView } from '../views';
import { IDEMPOTENCY_HEADER } from './idempotency-header';

// A local alias: decorator metadata then records Object, not the zod schema.
type Query_ = z.infer<typeof MerchantRedemptionsQuery>;

/** A merchant's write on one of its redemptions: 200, merchant or admin, under an Idempotency-Key. */
const OnARedemption = () =>
  applyDecorators(
    HttpCode(200),
    Allow('admin', 'merchant'),
    ApiHeader(IDEMPOTENCY_HEADER),
    ApiParam({ name: 'redemption', description: 'Redemption id, e.g. rd_3f9c0a1b2c3d4e5f' }),
  );

/** A merchant's holds on residents' points, made with their redemption codes. */
@ApiTags('redemption')
@ApiParam({ name: 'program', description: 'Program code' })
@ApiParam({ name: 'participant', description: 'Merchant (participant) code' })
@Controller('v1/programs/:program/participants/:participant/redemptions')
export class MerchantRedemptionsController {
  constructor(
    private readonly holds: HoldsService,
    private readonly reads: RedemptionReads,
    private readonly idempotent: IdempotentRequests,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Allow('admin', 'bureau', 'merchant')
  @ApiOperation({
    summary: `The merchant's redemptions (till holds and shop purchases), newest first, at most ${REDEMPTION_PAGE} a page, optionally in one status`,
  })
  @ApiQuery({ name: 'after', required: false, description: 'the `next` of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: 'default 20' })
  @ApiQuery({ name: 'status', required: false, description: 'only redemptions in this status' })
  @ApiOkResponse({ schema: openApiOutputSchema(MerchantRedemptionPage) })
  async list(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(MerchantRedemptionsQuery, 'query')) query: Query_,
  ): Promise<MerchantRedemptionPage> {
    const merchant = merchantOf(tenancy);
    const page = await this.reads.page(tenancy.program, { merchantId: merchant.id }, query);
    return { redemptions: page.parts.map(redemptionView), next: page.next };
  }

  @Post()
  @Allow('admin', 'merchant')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({
    summary:
      "Hold points with the resident's redemption code: their lots oldest expiry first, until captured, voided or expired",
  })
  @ApiBody({ schema: openApiSchema(HoldCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(RedemptionView) })
  async hold(
    @Tenancy() tenancy: TenancyContext,
    @IdempotencyKey() key: string,
    @Body(new ZodPipe(HoldCreate)) body: HoldCreate,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RedemptionView> {
    const merchant = merchantOf(tenancy);
    const answer = await this.idempotent.run(
      {
        scope: principalScope(tenancy.principal),
        route: routeOf(reply.request),
        key,
        request: body,
      },
      (db) => this.holds.hold(db, tenancy.program, merchant, body),
    );
    return sendAnswer(reply, answer);
  }

  @Post(':redemption/capture')
  @OnARedemption()
  @ApiOperation({
    summary:
      'Capture a hold, in whole or in part, once; what it does not take goes back to its lots',
  })
  @ApiBody({ schema: openApiSchema(HoldCapture) })
  @ApiOkResponse({ schema: openApiOutputSchema(RedemptionView) })
  async capture(
    @Tenancy() tenancy: TenancyContext,
    @IdempotencyKey() key: string,
    @Param('redemption') id: string,
    @Body(new ZodPipe(HoldCapture)) body: HoldCapture,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RedemptionView> {
    const merchant = merchantOf(tenancy);
    const answer = await this.idempotent.run(
      {
        scope: principalScope(tenancy.principal),
        route: routeOf(reply.request),
        key,
        request: body,
      },
      (db) => this.holds.capture(db, tenancy.program, merchant, id, body.points),
      200,
    );
    return sendAnswer(reply, answer);
  }

  @Post(':redemption/refunds')
  @OnARedemption()
  @ApiOperation({
    summary:
      'Refund part or all of a capture under your own refund id, newest expiry first back to the lots it took',
  })
  @ApiBody({ schema: openApiSchema(HoldRefund) })
  @ApiOkResponse({ schema: openApiOutputSchema(RedemptionView) })
  async refund(
    @Tenancy() tenancy: TenancyContext,
    @IdempotencyKey() key: string,
    @Param('redemption') id: string,
    @Body(new ZodPipe(HoldRefund)) body: HoldRefund,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RedemptionView> {
    return this.once(tenancy, key, reply, body, 200, (db, merchant) =>
      this.holds.refund(db, tenancy.program, merchant, id, body),
    );
  }

  @Post(':redemption/void')
  @OnARedemption()
  @ApiOperation({ summary: 'Release a hold: all its points go back to their lots' })
  @ApiOkResponse({ schema: openApiOutputSchema(RedemptionView) })
  async void(
    @Tenancy() tenancy: TenancyContext,
    @IdempotencyKey() key: string,
    @Param('redemption') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RedemptionView> {
    return this.once(tenancy, key, reply, {}, 200, (db, merchant) =>
      this.holds.void(db, tenancy.program, merchant, id),
    );
  }

  @Get(':redemption')
  @Allow('admin', 'bureau', 'merchant')
  @ApiParam({ name: 'redemption', description: 'Redemption id, e.g. rd_3f9c0a1b2c3d4e5f' })
  @ApiOperation({ summary: 'One of the merchant’s redemptions: its status and which lots paid' })
  @ApiOkResponse({ schema: openApiOutputSchema(RedemptionView) })
  find(
    @Tenancy() tenancy: TenancyContext,
    @Param('redemption') id: string,
  ): Promise<RedemptionView> {
    return this.holds.view(tenancy.program, merchantOf(tenancy), id);
  }

  /** Runs an operation of the path's merchant once under its Idempotency-Key (src/idempotency/). */
  private async once(
    tenancy: TenancyContext,
    key: string,
    reply: FastifyReply,
    request: object,
    status: number,
    run: (db: EntityManager, merchant: Participant) => Promise<RedemptionView>,
  ): Promise<RedemptionView> {
    const merchant = merchantOf(tenancy);
    await ensureOpenCycle(this.dataSource, tenancy.program);
    const call = {
      scope: principalScope(tenancy.principal),
      route: routeOf(reply.request),
      key,
      request,
    };
    return sendAnswer(reply, await this.idempotent.run(call, (db) => run(db, merchant), status));
  }
}

/** The path's participant, when it is a merchant: only merchants hold residents' points. */
function merchantOf(tenancy: TenancyContext): Participant {
  const participant = tenancy.participant!;
  if (!participant.isMerchant) throw merchantNotFound(participant.code, tenancy.program.code);
  return participant;
}
