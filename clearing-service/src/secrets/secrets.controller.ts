import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SecretsStatusView } from '@tanlian/sdk';
import { openApiOutputSchema } from '../http/openapi-schema';
import { Allow } from '../http/access-policy';
import { SecretsReseal } from './secrets-reseal';

@ApiTags('secrets')
@Controller('v1/secrets')
export class SecretsController {
  constructor(private readonly reseal: SecretsReseal) {}

  @Get()
  @Allow('admin')
  @ApiOperation({
    summary:
      'Stored secrets by the TANLIAN_SECRETS_KEY key they are sealed under: current, older (re-seal with `secrets:reseal`), unreadable (with ids)',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(SecretsStatusView) })
  status(): Promise<SecretsStatusView> {
    return this.reseal.status();
  }
}
