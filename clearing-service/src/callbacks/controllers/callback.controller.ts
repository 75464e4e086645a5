import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CallbackConfigured, CallbackSecretRotated, CallbackSet, CallbackView } from '@tanlian/sdk';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { CallbackConfigService } from '../services/callback-config.service';
import { callbackView } from '../views';

@ApiTags('callbacks')
@ApiParam({ name: 'program', description: 'Program code' })
@ApiParam({ name: 'participant', description: 'Participant code (an operator or a merchant)' })
@Controller('v1/programs/:program/participants/:participant/callback')
export class CallbackController {
  constructor(private readonly callbacks: CallbackConfigService) {}

  @Get()
  @Allow('admin', 'operator', 'merchant')
  @ApiOperation({ summary: "The participant's callback URL and whether callbacks are on" })
  @ApiOkResponse({ schema: openApiOutputSchema(CallbackView) })
  async get(@Tenancy() tenancy: TenancyContext): Promise<CallbackView> {
    return callbackView(await this.callbacks.get(tenancy.participant));
  }

  @Put()
  @Allow('admin', 'operator', 'merchant')
  @ApiOperation({
    summary:
      'Set the callback URL and start (or resume) callbacks: an operator’s decided events, a merchant’s redemption events',
    description:
      'To an operator, Tanlian POSTs {"type":"events.decided","program","operator","results":[…]} (each result as GET …/events/{eventId}) ' +
      'once an event is credited, capped, rejected or overlapping; to a merchant {"type":"redemption.held|captured|voided|expired" ' +
      'or "refund.succeeded","program","participant","occurredAt","redemption",("refund")}. Each is signed as a Standard Webhook (v1 HMAC) with a ' +
      'whsec_ secret Tanlian generates: shown in the answer the first time only. webhook-id is the delivery id, the ' +
      'same on every retry. 2xx = delivered; 410 = stop callbacks; anything else or no answer within 5 s is retried ' +
      '(10 s, 30 s, 2 min, 10 min, 1 h, … for 24 h). The URL must be https://; http:// is allowed only to 127.0.0.1 ' +
      'or localhost, for development.',
  })
  @ApiBody({ schema: openApiSchema(CallbackSet) })
  @ApiOkResponse({ schema: openApiOutputSchema(CallbackConfigured) })
  async set(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(CallbackSet)) body: CallbackSet,
  ): Promise<CallbackConfigured> {
    const { callback, secret } = await this.callbacks.set(tenancy.participant, body.url);
    return { ...callbackView(callback), secret };
  }

  @Delete()
  @Allow('admin', 'operator', 'merchant')
  @ApiOperation({
    summary: 'Stop callbacks; deliveries not yet sent are cancelled. PUT the URL again to resume',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(CallbackView) })
  async stop(@Tenancy() tenancy: TenancyContext): Promise<CallbackView> {
    return callbackView(await this.callbacks.stop(tenancy.participant));
  }

  @Post('rotate-secret')
  @HttpCode(200)
  @Allow('admin', 'operator', 'merchant')
  @ApiOperation({
    summary:
      'A new callback signing secret, shown once; the previous one signs beside it for 24 h more',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(CallbackSecretRotated) })
  async rotate(@Tenancy() tenancy: TenancyContext): Promise<CallbackSecretRotated> {
    const { callback, secret } = await this.callbacks.rotate(tenancy.participant);
    return { ...callbackView(callback), secret: secret! };
  }
}
