import { Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy/tenancy.module';
import {
  OperatorDashboardsController,
  ProgramDashboardsController,
} from './controllers/dashboards.controller';
import { Dashboards } from './services/dashboards.service';
import { RollupFolder } from './services/rollup-folder';
import { RollupSchedule } from './services/rollup-schedule';

/** The api side: the dashboards' routes, read from the rollups. */
@Module({
  imports: [TenancyModule],
  controllers: [ProgramDashboardsController, OperatorDashboardsController],
  providers: [Dashboards],
})
export class ReportingApiModule {}

/** The worker side: the outbox folded into the rollups every second. */
@Module({ providers: [RollupFolder, RollupSchedule], exports: [RollupFolder] })
export class ReportingWorkerModule {}
