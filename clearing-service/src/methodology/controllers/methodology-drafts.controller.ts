import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  MethodologyDraftCreate,
  MethodologyDraftUpdate,
  MethodologyPreview,
  MethodologyPreviewRequest,
  MethodologyView,
} from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { MethodologyRegistry } from '../services/methodology-registry';
import { previewMethodology } from '../services/methodology-preview';
import { methodologyView } from '../views';
import { codeParam, versionParam } from './path-params';

/** The environment bureau writes methodologies: drafts, publication, retirement. */
@ApiTags('methodologies')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/methodologies')
export class MethodologyDraftsController {
  constructor(private readonly registry: MethodologyRegistry) {}

  @Post()
  @Allow('admin', 'bureau')
  @ApiOperation({ summary: 'Create a draft: the next version of its code' })
  @ApiBody({ schema: openApiSchema(MethodologyDraftCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(MethodologyView) })
  async create(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(MethodologyDraftCreate)) body: MethodologyDraftCreate,
  ): Promise<MethodologyView> {
    return methodologyView(await this.registry.createDraft(tenancy.program.id, body));
  }

  @Post('preview')
  @HttpCode(200)
  @Allow('admin', 'bureau')
  @ApiOperation({
    summary:
      "The live calculator: what one event earns under a definition (saved or not), by crediting's own calculation",
    description:
      'Plausibility, the reduction with its per-event cap, and the whole points it makes with the milligrams ' +
      'carried (the rest carried on), and the content hash the definition would get if published. Per-day and ' +
      "per-month caps need a resident's history and are not applied. Changes nothing.",
  })
  @ApiBody({ schema: openApiSchema(MethodologyPreviewRequest) })
  @ApiOkResponse({ schema: openApiOutputSchema(MethodologyPreview) })
  preview(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(MethodologyPreviewRequest)) body: MethodologyPreviewRequest,
  ): MethodologyPreview {
    return previewMethodology(tenancy.program, body);
  }

  @Get('drafts')
  @Allow('admin', 'bureau')
  @ApiOperation({ summary: 'Drafts, most recently edited first (never public)' })
  @ApiOkResponse({ schema: openApiOutputSchema(z.array(MethodologyView)) })
  async drafts(@Tenancy() tenancy: TenancyContext): Promise<MethodologyView[]> {
    return (await this.registry.listDrafts(tenancy.program.id)).map(methodologyView);
  }

  @Put(':code/versions/:version')
  @Allow('admin', 'bureau')
  @ApiParam({ name: 'code', description: 'Methodology code, e.g. SZ-METRO' })
  @ApiParam({ name: 'version', description: 'Version number, e.g. 1' })
  @ApiOperation({
    summary: 'Replace the definition of a draft; 409 methodology_immutable once published',
  })
  @ApiBody({ schema: openApiSchema(MethodologyDraftUpdate) })
  @ApiOkResponse({ schema: openApiOutputSchema(MethodologyView) })
  async update(
    @Tenancy() tenancy: TenancyContext,
    @Param('code', codeParam) code: string,
    @Param('version', versionParam) version: number,
    @Body(new ZodPipe(MethodologyDraftUpdate)) body: MethodologyDraftUpdate,
  ): Promise<MethodologyView> {
    const { program } = tenancy;
    return methodologyView(
      await this.registry.updateDraft(program.id, code, version, body.definition),
    );
  }

  @Post(':code/versions/:version/publish')
  @HttpCode(200)
  @Allow('admin', 'bureau')
  @ApiParam({ name: 'code', description: 'Methodology code, e.g. SZ-METRO' })
  @ApiParam({ name: 'version', description: 'Version number, e.g. 1' })
  @ApiOperation({
    summary:
      'Publish a draft: immutable and hashed from now on. 409 when its window overlaps a published version of the same behaviour',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(MethodologyView) })
  async publish(
    @Tenancy() tenancy: TenancyContext,
    @Param('code', codeParam) code: string,
    @Param('version', versionParam) version: number,
  ): Promise<MethodologyView> {
    return methodologyView(await this.registry.publish(tenancy.program.id, code, version));
  }

  @Post(':code/versions/:version/retire')
  @HttpCode(200)
  @Allow('admin', 'bureau')
  @ApiParam({ name: 'code', description: 'Methodology code, e.g. SZ-METRO' })
  @ApiParam({ name: 'version', description: 'Version number, e.g. 1' })
  @ApiOperation({
    summary:
      'Retire a published version: in force for no event any more, still public; its window is free for a replacement',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(MethodologyView) })
  async retire(
    @Tenancy() tenancy: TenancyContext,
    @Param('code', codeParam) code: string,
    @Param('version', versionParam) version: number,
  ): Promise<MethodologyView> {
    return methodologyView(await this.registry.retire(tenancy.program.id, code, version));
  }
}
