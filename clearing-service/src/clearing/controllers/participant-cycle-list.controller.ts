import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CyclesPage, CyclesQuery } from '@tanlian/sdk';
import type { z } from 'zod';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { ClearingCycles } from '../services/clearing-cycles.service';
import { beforeOf, CyclesPageRoute } from './cycle-params';

type ListQuery = z.infer<typeof CyclesQuery>;

/**
 * The cycles a participant is cleared in (it has a net position), newest first: where its
 * statements, reconciliation files and confirmations are. A cycle it has nothing in is not listed.
 */
@ApiTags('clearing')
@ApiParam({ name: 'program', description: 'Program code' })
@ApiParam({ name: 'participant', description: 'Participant code (a merchant or an operator)' })
@Controller('v1/programs/:program/participants/:participant/clearing/cycles')
export class ParticipantCycleListController {
  constructor(private readonly cycles: ClearingCycles) {}

  @Get()
  @Allow('admin', 'bureau', 'operator', 'merchant')
  @ApiOperation({ summary: 'The cycles the participant is cleared in, newest first, by cursor' })
  @CyclesPageRoute()
  list(
    @Tenancy() tenancy: TenancyContext,
    @Query(new ZodPipe(CyclesQuery, 'query')) query: ListQuery,
  ): Promise<CyclesPage> {
    return this.cycles.list(tenancy.program, beforeOf(query), query.limit, tenancy.participant.id);
  }
}
