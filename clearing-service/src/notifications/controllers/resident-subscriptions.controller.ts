import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ResidentSubscriptionUpdate, ResidentSubscriptionsView } from '@tanlian/sdk';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { signedInResident } from '../../residents/controllers/signed-in-resident';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { SubscriptionsStore } from '../services/subscriptions-store';
import {
  NOTIFICATION_TOPICS,
  SUBSCRIBE_MESSAGE_PROVIDER,
  type SubscribeMessageProvider,
} from '../subscribe-message/subscribe-message-provider';

/** The signed-in resident's subscribe messages: what they allowed, and the templates to ask for. */
@ApiTags('residents')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/residents/me/subscriptions')
export class ResidentSubscriptionsController {
  constructor(
    private readonly store: SubscriptionsStore,
    @Inject(SUBSCRIBE_MESSAGE_PROVIDER) private readonly provider: SubscribeMessageProvider,
  ) {}

  @Get()
  @Allow('resident')
  @ApiOperation({
    summary:
      'Your subscribe messages: each topic, whether you subscribed, and how many messages you allowed',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(ResidentSubscriptionsView) })
  async list(@Tenancy() tenancy: TenancyContext): Promise<ResidentSubscriptionsView> {
    return this.view(signedInResident(tenancy).residentId);
  }

  @Put()
  @Allow('resident')
  @ApiOperation({
    summary:
      'Record a subscribe-message answer: accepted adds one message of the topic (as wx.requestSubscribeMessage allowed it), false unsubscribes',
  })
  @ApiBody({ schema: openApiSchema(ResidentSubscriptionUpdate) })
  @ApiOkResponse({ schema: openApiOutputSchema(ResidentSubscriptionsView) })
  async update(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(ResidentSubscriptionUpdate)) body: ResidentSubscriptionUpdate,
  ): Promise<ResidentSubscriptionsView> {
    const { residentId } = signedInResident(tenancy);
    if (body.accepted) await this.store.accept(residentId, body.topic);
    else await this.store.unsubscribe(residentId, body.topic);
    return this.view(residentId);
  }

  private async view(residentId: number): Promise<ResidentSubscriptionsView> {
    const rows = await this.store.subscriptionsOf(residentId);
    const templates = this.provider.templates();
    return {
      topics: NOTIFICATION_TOPICS.map((topic) => {
        const row = rows.find((r) => r.topic === topic);
        return {
          topic,
          subscribed: row !== undefined,
          remaining: row?.remaining ?? 0,
          templateId: templates[topic],
        };
      }),
    };
  }
}
