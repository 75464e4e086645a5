import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProgramCreate, ProgramView } from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../access/access.decorators';
import { TenancyContext } from '../access/tenancy-context';
import { ProgramsStore } from '../services/programs-store';
import { programView } from '../views';

@ApiTags('programs')
@Controller('v1/programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsStore) {}

  @Get()
  @Allow('admin', 'bureau', 'operator', 'merchant')
  @ApiOperation({ summary: 'Programs you can see: every program for an admin, your own otherwise' })
  @ApiOkResponse({ schema: openApiOutputSchema(z.array(ProgramView)) })
  async list(@Tenancy() tenancy: TenancyContext): Promise<ProgramView[]> {
    const { principal } = tenancy;
    if (principal.kind === 'admin') return (await this.programs.list()).map(programView);
    const own = await this.programs.findById(principal.programId);
    return own ? [programView(own)] : [];
  }

  @Post()
  @Allow('admin')
  @ApiOperation({
    summary: 'Create a program (a city scheme); its audit hash is fixed from then on',
  })
  @ApiBody({ schema: openApiSchema(ProgramCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(ProgramView) })
  async create(@Body(new ZodPipe(ProgramCreate)) body: ProgramCreate): Promise<ProgramView> {
    return programView(await this.programs.create(body));
  }

  @Get(':program')
  @Allow('admin', 'bureau', 'operator', 'merchant')
  @ApiOperation({ summary: 'One program' })
  @ApiOkResponse({ schema: openApiOutputSchema(ProgramView) })
  get(@Tenancy() tenancy: TenancyContext): ProgramView {
    return programView(tenancy.program);
  }
}
