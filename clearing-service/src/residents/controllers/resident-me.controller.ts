import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ResidentBindingCreate, ResidentBindingView, ResidentView } from '@tanlian/sdk';
import { z } from 'zod';
import { residentNotFound } from '../residents-errors';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { BindingsService } from '../services/bindings.service';
import { ResidentsService } from '../services/residents.service';
import { residentBindingView, residentView } from '../views';
import { signedInResident } from './signed-in-resident';

/** The signed-in resident's own things. `me` is the only resident a path can name. */
@ApiTags('residents')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/residents/me')
export class ResidentMeController {
  constructor(
    private readonly residents: ResidentsService,
    private readonly bindings: BindingsService,
  ) {}

  @Get()
  @Allow('resident')
  @ApiOperation({ summary: 'The signed-in resident' })
  @ApiOkResponse({ schema: openApiOutputSchema(ResidentView) })
  async profile(@Tenancy() tenancy: TenancyContext): Promise<ResidentView> {
    const { residentId } = signedInResident(tenancy);
    const resident = await this.residents.findResident(residentId);
    if (!resident) throw residentNotFound();
    return residentView(resident, tenancy.program, await this.residents.countBindings(residentId));
  }

  @Get('bindings')
  @Allow('resident')
  @ApiOperation({ summary: 'The operator accounts bound to the signed-in resident' })
  @ApiOkResponse({ schema: openApiOutputSchema(z.array(ResidentBindingView)) })
  async listBindings(@Tenancy() tenancy: TenancyContext): Promise<ResidentBindingView[]> {
    return (await this.bindings.list(signedInResident(tenancy).residentId)).map(
      residentBindingView,
    );
  }

  @Post('bindings')
  @Allow('resident')
  @ApiOperation({
    summary:
      "Redeem an operator's binding token: its events for that account credit this resident from now on, waiting ones included",
  })
  @ApiBody({ schema: openApiSchema(ResidentBindingCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(ResidentBindingView) })
  async bind(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(ResidentBindingCreate)) body: ResidentBindingCreate,
  ): Promise<ResidentBindingView> {
    const { residentId, programId } = signedInResident(tenancy);
    return residentBindingView(await this.bindings.redeem({ residentId, programId }, body.token));
  }
}
