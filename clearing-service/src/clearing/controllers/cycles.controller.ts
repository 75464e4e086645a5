import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CycleDetailView, CyclesPage, CyclesQuery, CycleView } from '@tanlian/sdk';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { IdempotencyKey, routeOf, sendAnswer } from '../../idempotency/idempotency-key';
import { IdempotentRequests } from '../../idempotency/idempotent-requests';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { principalScope } from '../../tenancy/access/principal';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { ClearingCycles } from '../services/clearing-cycles.service';
import { CycleSteps } from '../services/cycle-steps';
import { cycleBySeq } from '../services/cycles-store';
import { cycleView } from '../views';
import { sendFile } from './send-file';
import { beforeOf, CycleParam, CyclesPageRoute, cycleSeq } from './cycle-params';

type ListQuery = z.infer<typeof CyclesQuery>;

/**
 * A program's clearing cycles as the hub sees them: every cycle, every position and file. The
 * admin and the bureau; participants see their own under /participants/{participant}/clearing.
 */
@ApiTags('clearing')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/clearing/cycles')
export class CyclesController {
  constructor(
    private readonly cycles: ClearingCycles,
    private readonly steps: CycleSteps,
    private readonly idempotent: IdempotentRequests,
  ) {}

  @Get()
  @Allow('admin', 'bureau')
  @ApiOperation({ summary: "The program's clearing cycles, newest first, a page at a time" })
  @CyclesPageRoute()
  list(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(CyclesQuery, 'query')) query: ListQuery,
  ): Promise<CyclesPage> {
    return this.cycles.list(tenancy.program, beforeOf(query), query.limit);
  }

  @Post('close')
  @HttpCode(200)
  @Allow('admin', 'bureau')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'A unique value per close: a retry with it answers the same cycle, closed once',
  })
  @ApiOperation({
    summary:
      'Close the OPEN cycle now (before its cut-off) and open the next; the worker then clears it',
  })
  @ApiOkResponse({ schema: openApiOutputSchema(CycleView) })
  async close(
    @Tenancy() tenancy: TenancyContext,
    @IdempotencyKey() key: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CycleView> {
    const program = tenancy.program;
    const call = {
      scope: principalScope(tenancy.principal),
      route: routeOf(reply.request),
      key,
      request: {},
    };
    const answer = await this.idempotent.run(
      call,
      async (db) => {
        // In the key's transaction: the close and its answer are stored together, or neither.
        const seq = await this.steps.closeIn(db, program, false);
        return cycleView((await cycleBySeq(db, program.id, seq!))!);
      },
      200,
    );
    return sendAnswer(reply, answer);
  }

  @Get(':cycle')
  @Allow('admin', 'bureau')
  @CycleParam()
  @ApiOperation({ summary: 'A cycle with every net position and every file' })
  @ApiOkResponse({ schema: openApiOutputSchema(CycleDetailView) })
  detail(
    @Tenancy() tenancy: TenancyContext,
    @Param('cycle') cycle: string,
  ): Promise<CycleDetailView> {
    return this.cycles.detail(tenancy.program, cycleSeq(cycle), { all: true });
  }

  @Get(':cycle/files/:file')
  @Allow('admin', 'bureau')
  @CycleParam()
  @ApiParam({ name: 'file', description: 'The file’s id (from the cycle’s files)' })
  @ApiProduces('text/csv', 'application/json', 'application/xml')
  @ApiOperation({ summary: 'Download any file of the cycle, byte for byte as issued' })
  @ApiOkResponse({ schema: { type: 'string' } })
  async file(
    @Tenancy() tenancy: TenancyContext,
    @Param('cycle') cycle: string,
    @Param('file') file: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendFile(
      reply,
      await this.cycles.file(tenancy.program, cycleSeq(cycle), file, { all: true }),
    );
  }
}
