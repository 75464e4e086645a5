import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiKeyCreate, ApiKeyCreated, ApiKeyView } from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../access/access.decorators';
import { TenancyContext } from '../access/tenancy-context';
import { ApiKeysService } from '../services/api-keys.service';
import { apiKeyView } from '../views';

@ApiTags('credentials')
@ApiParam({ name: 'program', description: 'Program code' })
@ApiParam({ name: 'participant', description: 'Participant code' })
@Controller('v1/programs/:program/participants/:participant/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @Allow('admin', 'operator', 'merchant')
  @ApiOperation({ summary: "The participant's API keys (never their secrets)" })
  @ApiOkResponse({ schema: openApiOutputSchema(z.array(ApiKeyView)) })
  async list(@Tenancy() tenancy: TenancyContext): Promise<ApiKeyView[]> {
    return (await this.apiKeys.listForParticipant(tenancy.participant.id)).map(apiKeyView);
  }

  @Post()
  @Allow('admin', 'operator', 'merchant')
  @ApiOperation({
    summary:
      'Create an API key; the token is shown in this response only. Old keys stay live until revoked',
  })
  @ApiBody({ schema: openApiSchema(ApiKeyCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(ApiKeyCreated) })
  async create(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(ApiKeyCreate)) body: ApiKeyCreate,
  ): Promise<ApiKeyCreated> {
    const { program, participant } = tenancy;
    const issued = await this.apiKeys.issueForParticipant(program.id, participant.id, body.label);
    return { ...apiKeyView(issued.key), token: issued.token };
  }

  @Delete(':keyId')
  @Allow('admin', 'operator', 'merchant')
  @ApiParam({ name: 'keyId', description: 'API key id, e.g. key_3f9c0a1b2c3d4e5f' })
  @ApiOperation({ summary: 'Revoke an API key; refused from the next request on' })
  @ApiOkResponse({ schema: openApiOutputSchema(ApiKeyView) })
  async revoke(
    @Tenancy() tenancy: TenancyContext,
    @Param('keyId') keyId: string,
  ): Promise<ApiKeyView> {
    return apiKeyView(await this.apiKeys.revokeForParticipant(tenancy.participant.id, keyId));
  }
}
