import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrincipalView } from '@tanlian/sdk';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { Allow, Tenancy } from '../access/access.decorators';
import { TenancyContext } from '../access/tenancy-context';
import { ParticipantsStore } from '../services/participants-store';
import { ProgramsStore } from '../services/programs-store';
import { principalView } from '../views';

@ApiTags('me')
@Controller('v1/me')
export class MeController {
  constructor(
    private readonly programs: ProgramsStore,
    private readonly participants: ParticipantsStore,
  ) {}

  @Get()
  @Allow('admin', 'bureau', 'operator', 'merchant')
  @ApiOperation({ summary: 'Who this API key acts as' })
  @ApiOkResponse({ schema: openApiOutputSchema(PrincipalView) })
  async me(@Tenancy() tenancy: TenancyContext): Promise<PrincipalView> {
    const { principal } = tenancy;
    const program =
      principal.programId === null ? null : await this.programs.findById(principal.programId);
    const participant =
      principal.kind === 'participant'
        ? await this.participants.findById(principal.participantId)
        : null;
    return principalView(principal, program, participant);
  }
}
