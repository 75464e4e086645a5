import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ClearingSettingsUpdate, ClearingSettingsView } from '@tanlian/sdk';
import type { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { ClearingCycles } from '../services/clearing-cycles.service';

type UpdateBody = z.infer<typeof ClearingSettingsUpdate>;

/** A program's clearing calendar and fee: seen and changed by the admin and the bureau. */
@ApiTags('clearing')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/clearing/settings')
export class ClearingSettingsController {
  constructor(private readonly cycles: ClearingCycles) {}

  @Get()
  @Allow('admin', 'bureau')
  @ApiOperation({ summary: "The program's cycle length, cut-off, time zone and fee" })
  @ApiOkResponse({ schema: openApiOutputSchema(ClearingSettingsView) })
  get(@Tenancy() tenancy: TenancyContext): Promise<ClearingSettingsView> {
    return this.cycles.settings(tenancy.program);
  }

  @Put()
  @Allow('admin', 'bureau')
  @ApiOperation({
    summary:
      'Change the cycle length, cut-off, time zone or fee: the OPEN cycle then closes at the first cut-off after now under the new settings',
  })
  @ApiBody({ schema: openApiSchema(ClearingSettingsUpdate) })
  @ApiOkResponse({ schema: openApiOutputSchema(ClearingSettingsView) })
  async update(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(ClearingSettingsUpdate)) body: UpdateBody,
  ): Promise<ClearingSettingsView> {
    return this.cycles.settings(await this.cycles.updateSettings(tenancy.program, body));
  }
}
