import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CATALOG_PAGE, CatalogPage, CatalogQuery } from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Public } from '../../tenancy/access/access.decorators';
import { ProgramsStore } from '../../tenancy/services/programs-store';
import { programNotFound } from '../../tenancy/tenancy-errors';
import { OfferCatalogService } from '../services/offer-catalog.service';

// A local alias: decorator metadata then records Object, not the zod schema.
type Query_ = z.infer<typeof CatalogQuery>;

/**
 * The program's catalog is public (the mini-program shows it before sign-in). The guard does not
 * resolve `:program` on public routes, so this controller does.
 */
@ApiTags('merchants')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/offers')
export class OfferCatalogController {
  constructor(
    private readonly programs: ProgramsStore,
    private readonly catalog: OfferCatalogService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: `Live offers of every merchant of the program, with their stores, oldest first, at most ${CATALOG_PAGE} a page (public)`,
  })
  @ApiQuery({ name: 'after', required: false, description: 'the `next` of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: 'default 20' })
  @ApiOkResponse({ schema: openApiOutputSchema(CatalogPage) })
  async page(
    @Param('program') code: string,
    @Query(new ZodPipe(CatalogQuery, 'query')) query: Query_,
  ): Promise<CatalogPage> {
    const program = await this.programs.findByCode(code);
    if (!program) throw programNotFound(code);
    return this.catalog.page(program, query);
  }
}
