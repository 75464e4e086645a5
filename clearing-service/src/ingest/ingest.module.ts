import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MethodologyModule } from '../methodology/methodology.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { CreditLagMetrics } from './services/credit-lag-metrics';
import { OperatorEventsController } from './controllers/operator-events.controller';
import { ingestEntities } from './ingest.schema';
import { OperatorSignatureGuard } from './operator-signature.guard';
import { CreditingWakeups } from './services/crediting-wakeups';
import { EventIntake } from './services/event-intake';
import { EventStatusReader } from './services/event-status.reader';
import { IngestLookups } from './services/ingest-lookups';
import { SingleEventInserts } from './services/single-event-inserts';

/** The api side of ingestion: signed operator pushes into the inbox, and event status. */
@Module({
  imports: [TypeOrmModule.forFeature(ingestEntities), TenancyModule, MethodologyModule],
  controllers: [OperatorEventsController],
  providers: [
    OperatorSignatureGuard,
    IngestLookups,
    EventIntake,
    EventStatusReader,
    CreditingWakeups,
    SingleEventInserts,
    CreditLagMetrics,
  ],
  exports: [CreditingWakeups],
})
export class IngestApiModule {}
