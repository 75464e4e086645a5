import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { RedemptionCodeCreate, RedemptionCodeCreated, RedemptionCodeView } from '@tanlian/sdk';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { signedInResident } from '../../residents/controllers/signed-in-resident';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { RedemptionCodesService } from '../services/redemption-codes.service';

/** The signed-in resident's redemption codes: their consent to one debit each. */
@ApiTags('redemption')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/residents/me/redemption-codes')
export class ResidentRedemptionCodesController {
  constructor(private readonly codes: RedemptionCodesService) {}

  @Post()
  @Allow('resident')
  @ApiOperation({
    summary:
      'Create a redemption code to show as a QR: single-use, 10-60 s, optionally for one merchant and up to a number of points',
  })
  @ApiBody({ schema: openApiSchema(RedemptionCodeCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(RedemptionCodeCreated) })
  create(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(RedemptionCodeCreate)) body: RedemptionCodeCreate,
  ): Promise<RedemptionCodeCreated> {
    return this.codes.create(signedInResident(tenancy), body);
  }

  @Get(':codeId')
  @Allow('resident')
  @ApiParam({ name: 'codeId', description: 'Redemption code id, e.g. rc_3f9c0a1b2c3d4e5f' })
  @ApiOperation({
    summary: 'One of your redemption codes, for polling: active, used, expired or revoked',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(RedemptionCodeView) })
  find(
    @Tenancy() tenancy: TenancyContext,
    @Param('codeId') codeId: string,
  ): Promise<RedemptionCodeView> {
    return this.codes.find(signedInResident(tenancy), codeId);
  }

  @Delete(':codeId')
  @Allow('resident')
  @ApiParam({ name: 'codeId', description: 'Redemption code id, e.g. rc_3f9c0a1b2c3d4e5f' })
  @ApiOperation({
    summary:
      'Revoke a redemption code that was not used; a used one answers 409 and its hold stays',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(RedemptionCodeView) })
  revoke(
    @Tenancy() tenancy: TenancyContext,
    @Param('codeId') codeId: string,
  ): Promise<RedemptionCodeView> {
    return this.codes.revoke(signedInResident(tenancy), codeId);
  }
}
