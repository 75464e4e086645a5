import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { MethodologyListQuery, MethodologyView } from '@tanlian/sdk';
import { z } from 'zod';
import { programNotFound } from '../../tenancy/tenancy-errors';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Public } from '../../tenancy/access/access.decorators';
import type { Program } from '../../tenancy/entities/program.entity';
import { ProgramsStore } from '../../tenancy/services/programs-store';
import { MethodologyStore } from '../services/methodology-store';
import { methodologyView } from '../views';
import { codeParam, versionParam } from './path-params';

// A local alias: decorator metadata then records Object, not the same-named zod schema, which
// swagger would otherwise try to explode into query parameters.
type ListQuery = z.infer<typeof MethodologyListQuery>;

/**
 * Published methodologies are public: anyone, with no key, can read how a reduction was computed.
 * The guard does not resolve `:program` on public routes, so this controller does; drafts never show.
 */
@ApiTags('methodologies')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/methodologies')
export class PublishedMethodologiesController {
  constructor(
    private readonly programs: ProgramsStore,
    private readonly catalog: MethodologyStore,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Published and retired methodologies, newest first (public)' })
  @ApiQuery({ name: 'behaviour', required: false, description: 'e.g. metro' })
  @ApiOkResponse({ schema: openApiOutputSchema(z.array(MethodologyView)) })
  async list(
    @Param('program') programCode: string,
    @Query(new ZodPipe(MethodologyListQuery, 'query')) query: ListQuery,
  ): Promise<MethodologyView[]> {
    const program = await this.program(programCode);
    return (await this.catalog.listPublic(program.id, query.behaviour)).map(methodologyView);
  }

  @Get(':code/versions/:version')
  @Public()
  @ApiParam({ name: 'code', description: 'Methodology code, e.g. SZ-METRO' })
  @ApiParam({ name: 'version', description: 'Version number, e.g. 1' })
  @ApiOperation({
    summary: 'One published or retired methodology version with its content hash (public)',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(MethodologyView) })
  async get(
    @Param('program') programCode: string,
    @Param('code', codeParam) code: string,
    @Param('version', versionParam) version: number,
  ): Promise<MethodologyView> {
    const program = await this.program(programCode);
    return methodologyView(await this.catalog.getPublic(program.id, code, version));
  }

  private async program(code: string): Promise<Program> {
    const program = await this.programs.findByCode(code);
    if (!program) throw programNotFound(code);
    return program;
  }
}
