import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ParticipantCreate, ParticipantView } from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../access/access.decorators';
import { TenancyContext } from '../access/tenancy-context';
import { ParticipantsStore } from '../services/participants-store';
import { participantView } from '../views';

@ApiTags('participants')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsStore) {}

  @Get()
  @Allow('admin', 'bureau')
  @ApiOperation({ summary: "The program's operators and merchants" })
  @ApiOkResponse({ schema: openApiOutputSchema(z.array(ParticipantView)) })
  async list(@Tenancy() tenancy: TenancyContext): Promise<ParticipantView[]> {
    return (await this.participants.list(tenancy.program.id)).map(participantView);
  }

  @Post()
  @Allow('admin')
  @ApiOperation({ summary: 'Onboard an operator, a merchant, or both' })
  @ApiBody({ schema: openApiSchema(ParticipantCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(ParticipantView) })
  async create(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(ParticipantCreate)) body: ParticipantCreate,
  ): Promise<ParticipantView> {
    return participantView(await this.participants.create(tenancy.program.id, body));
  }

  @Get(':participant')
  @Allow('admin', 'bureau', 'operator', 'merchant')
  @ApiParam({ name: 'participant', description: 'Participant code' })
  @ApiOperation({ summary: 'One participant (operators and merchants see only themselves)' })
  @ApiOkResponse({ schema: openApiOutputSchema(ParticipantView) })
  get(@Tenancy() tenancy: TenancyContext): ParticipantView {
    return participantView(tenancy.participant);
  }
}
