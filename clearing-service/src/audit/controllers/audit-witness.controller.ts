import { Body, Controller, Delete, Param, Post, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  AuditCheckpointView,
  AuditCosignatureInput,
  AuditWitnessKeyInput,
  AuditWitnessView,
} from '@tanlian/sdk';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { AuditWitnesses } from '../services/audit-witnesses';

// Local aliases: decorator metadata then records Object, not the zod schemas.
type WitnessKeyInput = z.infer<typeof AuditWitnessKeyInput>;
type CosignatureInput = z.infer<typeof AuditCosignatureInput>;

/**
 * The bureau witnesses the log: it registers its cosigner keys and submits a cosignature over each
 * checkpoint it has checked for consistency with the last one it saw. Bureau staff only: not even
 * the platform admin, who runs the log, may speak for its witness.
 */
@ApiTags('audit')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/audit')
export class AuditWitnessController {
  constructor(private readonly witnesses: AuditWitnesses) {}

  @Post('witnesses')
  @Allow('bureau')
  @ApiOperation({
    summary:
      'Register a witness key (C2SP tlog-cosignature, type 0x04); a leaf of the log. 409 when the name or key is taken',
  })
  @ApiBody({ schema: openApiSchema(AuditWitnessKeyInput) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(AuditWitnessView) })
  async register(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(AuditWitnessKeyInput)) body: WitnessKeyInput,
  ): Promise<AuditWitnessView> {
    return this.witnesses.register(tenancy.program.id, body.vkey);
  }

  @Delete('witnesses/:name')
  @Allow('bureau')
  @ApiParam({ name: 'name', description: 'Witness name, e.g. bureau.example/witness' })
  @ApiOperation({
    summary:
      'Revoke a witness key; a leaf of the log. Its later cosignatures are refused, earlier ones stay',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditWitnessView) })
  async revoke(
    @Tenancy() tenancy: TenancyContext,
    @Param('name') name: string,
  ): Promise<AuditWitnessView> {
    return this.witnesses.revoke(tenancy.program.id, name);
  }

  @Post('cosignatures')
  @Allow('bureau')
  @ApiOperation({
    summary:
      'Submit a witness cosignature of the checkpoint of `size`: 201, or 200 when that witness already cosigned it (the first stands). 404 no such checkpoint, 422 a signature that does not verify, 409 a smaller size than the witness cosigned before',
  })
  @ApiBody({ schema: openApiSchema(AuditCosignatureInput) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(AuditCheckpointView) })
  @ApiOkResponse({ schema: openApiOutputSchema(AuditCheckpointView) })
  async cosign(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(AuditCosignatureInput)) body: CosignatureInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditCheckpointView> {
    const { created, checkpoint } = await this.witnesses.cosign(
      tenancy.program.id,
      body.size,
      body.signature,
    );
    if (!created) void reply.status(200);
    return checkpoint;
  }
}
