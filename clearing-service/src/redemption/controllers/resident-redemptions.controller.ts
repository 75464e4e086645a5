import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
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
  PURCHASE_TTL_SECONDS,
  PurchaseCreate,
  REDEMPTION_PAGE,
  ResidentRedemptionPage,
  ResidentRedemptionsQuery,
  ResidentRedemptionView,
} from '@tanlian/sdk';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { IdempotencyKey, routeOf, sendAnswer } from '../../idempotency/idempotency-key';
import { IdempotentRequests } from '../../idempotency/idempotent-requests';
import { signedInResident } from '../../residents/controllers/signed-in-resident';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { principalScope } from '../../tenancy/access/principal';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { PurchasesService } from '../services/purchases.service';
import { RedemptionReads } from '../services/redemption-reads';
import { residentRedemptionView } from '../views';
import { IDEMPOTENCY_HEADER } from './idempotency-header';

// A local alias: decorator metadata then records Object, not the zod schema.
type Query_ = z.infer<typeof ResidentRedemptionsQuery>;

/** The signed-in resident's shop purchases and redemptions: always their own, never a path id's. */
@ApiTags('redemption')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/residents/me')
export class ResidentRedemptionsController {
  constructor(
    private readonly purchases: PurchasesService,
    private readonly reads: RedemptionReads,
    private readonly idempotent: IdempotentRequests,
  ) {}

  @Post('purchases')
  @Allow('resident')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({
    summary: `Buy an offer of the shop with your points: held for its price (only the points of the issuers it accepts, oldest expiry first) until the merchant hands it over (capture) or voids it, at most ${PURCHASE_TTL_SECONDS} s`,
  })
  @ApiBody({ schema: openApiSchema(PurchaseCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(ResidentRedemptionView) })
  async purchase(
    @Tenancy() tenancy: TenancyContext,
    @IdempotencyKey() key: string,
    @Body(new ZodPipe(PurchaseCreate)) body: PurchaseCreate,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResidentRedemptionView> {
    const resident = signedInResident(tenancy);
    const call = {
      scope: principalScope(tenancy.principal),
      route: routeOf(reply.request),
      key,
      request: body,
    };
    return sendAnswer(
      reply,
      await this.idempotent.run(call, (db) =>
        this.purchases.purchase(db, tenancy.program, resident, body),
      ),
    );
  }

  @Get('redemptions')
  @Allow('resident')
  @ApiOperation({
    summary: `Your redemptions (till holds and shop purchases), newest first, at most ${REDEMPTION_PAGE} a page`,
  })
  @ApiQuery({ name: 'after', required: false, description: 'the `next` of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: 'default 20' })
  @ApiOkResponse({ schema: openApiOutputSchema(ResidentRedemptionPage) })
  async list(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(ResidentRedemptionsQuery, 'query')) query: Query_,
  ): Promise<ResidentRedemptionPage> {
    const { residentId } = signedInResident(tenancy);
    const page = await this.reads.page(tenancy.program, { residentId }, query);
    return { redemptions: page.parts.map(residentRedemptionView), next: page.next };
  }

  @Get('redemptions/:redemption')
  @Allow('resident')
  @ApiParam({ name: 'redemption', description: 'Redemption id, e.g. rd_3f9c0a1b2c3d4e5f' })
  @ApiOperation({
    summary: 'One of your redemptions, for polling: its status, the offer and which lots paid',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(ResidentRedemptionView) })
  async find(
    @Tenancy() tenancy: TenancyContext,
    @Param('redemption') id: string,
  ): Promise<ResidentRedemptionView> {
    const { residentId } = signedInResident(tenancy);
    return residentRedemptionView(await this.reads.one(tenancy.program, { residentId }, id));
  }
}
