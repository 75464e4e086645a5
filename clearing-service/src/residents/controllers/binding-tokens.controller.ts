import { Body, Controller, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { BindingTokenCreate, BindingTokenCreated } from '@tanlian/sdk';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { BindingsService } from '../services/bindings.service';

@ApiTags('residents')
@ApiParam({ name: 'program', description: 'Program code' })
@ApiParam({ name: 'participant', description: 'Participant code (an operator)' })
@Controller('v1/programs/:program/participants/:participant/binding-tokens')
export class BindingTokensController {
  constructor(private readonly bindings: BindingsService) {}

  // Operators only, not admins: the token is the operator's own word that the redeemer is its user.
  @Post()
  @Allow('operator')
  @ApiOperation({
    summary:
      'Issue a one-time binding token for one of your users; the resident redeems it in the mini-program within 15 minutes',
  })
  @ApiBody({ schema: openApiSchema(BindingTokenCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(BindingTokenCreated) })
  async issue(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(BindingTokenCreate)) body: BindingTokenCreate,
  ): Promise<BindingTokenCreated> {
    const issued = await this.bindings.issueToken(tenancy.participant, body.user);
    return { token: issued.token, expiresAt: issued.expiresAt.toISOString() };
  }
}
