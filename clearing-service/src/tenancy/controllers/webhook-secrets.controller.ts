import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { WebhookSecretCreate, WebhookSecretCreated, WebhookSecretView } from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../access/access.decorators';
import { TenancyContext } from '../access/tenancy-context';
import { WebhookSecretsService } from '../services/webhook-secrets.service';
import { webhookSecretView } from '../views';

@ApiTags('credentials')
@ApiParam({ name: 'program', description: 'Program code' })
@ApiParam({ name: 'participant', description: 'Participant code (an operator)' })
@Controller('v1/programs/:program/participants/:participant/webhook-secrets')
export class WebhookSecretsController {
  constructor(private readonly secrets: WebhookSecretsService) {}

  @Get()
  @Allow('admin', 'operator')
  @ApiOperation({ summary: "The operator's webhook signing keys (never the secrets)" })
  @ApiOkResponse({ schema: openApiOutputSchema(z.array(WebhookSecretView)) })
  async list(@Tenancy() tenancy: TenancyContext): Promise<WebhookSecretView[]> {
    return (await this.secrets.list(tenancy.participant.id)).map(webhookSecretView);
  }

  @Post()
  @Allow('admin', 'operator')
  @ApiOperation({
    summary:
      'Add a webhook signing key (Standard Webhooks v1 HMAC or v1a Ed25519); all live keys verify during rotation',
  })
  @ApiBody({ schema: openApiSchema(WebhookSecretCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(WebhookSecretCreated) })
  async create(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(WebhookSecretCreate)) body: WebhookSecretCreate,
  ): Promise<WebhookSecretCreated> {
    const issued = await this.secrets.issue(tenancy.participant, body);
    return { ...webhookSecretView(issued.secret), secret: issued.plaintext };
  }

  @Delete(':secretId')
  @Allow('admin', 'operator')
  @ApiParam({ name: 'secretId', description: 'Webhook key id, e.g. whk_0a1b2c3d4e5f6a7b' })
  @ApiOperation({ summary: 'Revoke a webhook signing key' })
  @ApiOkResponse({ schema: openApiOutputSchema(WebhookSecretView) })
  async revoke(
    @Tenancy() tenancy: TenancyContext,
    @Param('secretId') secretId: string,
  ): Promise<WebhookSecretView> {
    return webhookSecretView(await this.secrets.revoke(tenancy.participant, secretId));
  }
}
