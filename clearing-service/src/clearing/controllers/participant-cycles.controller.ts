import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CycleDetailView, SettlementConfirmation } from '@tanlian/sdk';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { IdempotencyKey, routeOf, sendAnswer } from '../../idempotency/idempotency-key';
import { IdempotentRequests } from '../../idempotency/idempotent-requests';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { principalScope } from '../../tenancy/access/principal';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { ClearingCycles } from '../services/clearing-cycles.service';
import { CycleSteps } from '../services/cycle-steps';
import { CycleParam, cycleSeq } from './cycle-params';
import { sendFile } from './send-file';

type ConfirmationBody = z.infer<typeof SettlementConfirmation>;

/**
 * A participant's side of a cycle: its net position, its own files (a merchant's reconciliation
 * file, its statements, an issuer's 注销 report) and the confirmation of its payment. No
 * participant sees another's.
 */
@ApiTags('clearing')
@ApiParam({ name: 'program', description: 'Program code' })
@ApiParam({ name: 'participant', description: 'Participant code (a merchant or an operator)' })
@Controller('v1/programs/:program/participants/:participant/clearing/cycles/:cycle')
@CycleParam()
export class ParticipantCyclesController {
  constructor(
    private readonly cycles: ClearingCycles,
    private readonly steps: CycleSteps,
    private readonly idempotent: IdempotentRequests,
  ) {}

  @Get()
  @Allow('admin', 'bureau', 'operator', 'merchant')
  @ApiOperation({ summary: "The cycle with the participant's net position and its files" })
  @ApiOkResponse({ schema: openApiOutputSchema(CycleDetailView) })
  detail(
    @Tenancy() tenancy: TenancyContext,
    @Param('cycle') cycle: string,
  ): Promise<CycleDetailView> {
    return this.cycles.detail(tenancy.program, cycleSeq(cycle), {
      all: false,
      participantId: tenancy.participant.id,
    });
  }

  @Get('files/:file')
  @Allow('admin', 'bureau', 'operator', 'merchant')
  @ApiParam({ name: 'file', description: 'The file’s id (from the cycle’s files)' })
  @ApiProduces('text/csv', 'application/json', 'application/xml')
  @ApiOperation({ summary: 'Download one of the participant’s files, byte for byte as issued' })
  @ApiOkResponse({ schema: { type: 'string' } })
  async file(
    @Tenancy() tenancy: TenancyContext,
    @Param('cycle') cycle: string,
    @Param('file') file: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendFile(
      reply,
      await this.cycles.file(tenancy.program, cycleSeq(cycle), file, {
        all: false,
        participantId: tenancy.participant.id,
      }),
    );
  }

  @Post('confirmation')
  @HttpCode(200)
  @Allow('admin', 'operator', 'merchant')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'A unique value per confirmation, sent again on every retry',
  })
  @ApiOperation({
    summary:
      'Confirm the payment of the participant’s net position with its bank reference and amount; the cycle settles when all are confirmed',
  })
  @ApiBody({ schema: openApiSchema(SettlementConfirmation) })
  @ApiOkResponse({ schema: openApiOutputSchema(CycleDetailView) })
  async confirm(
    @Tenancy() tenancy: TenancyContext,
    @Param('cycle') cycle: string,
    @IdempotencyKey() key: string,
    @Body(new ZodPipe(SettlementConfirmation)) body: ConfirmationBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CycleDetailView> {
    const seq = cycleSeq(cycle);
    const participantId = tenancy.participant.id;
    const call = {
      scope: principalScope(tenancy.principal),
      route: routeOf(reply.request),
      key,
      request: body,
    };
    const answer = await this.idempotent.run(
      call,
      async (db) => {
        await this.steps.confirmIn(db, tenancy.program, seq, participantId, {
          bankReference: body.bankReference,
          amountFen: BigInt(body.amountFen),
        });
        return this.cycles.detail(tenancy.program, seq, { all: false, participantId }, db);
      },
      200,
    );
    return sendAnswer(reply, answer);
  }
}
