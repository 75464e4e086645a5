import { Module } from '@nestjs/common';
import { AuditWritingModule } from '../audit/audit-writing.module';
import { CallbacksOutboxModule } from '../callbacks/callbacks.module';
import { LedgerModule } from '../ledger/ledger.module';
import { MethodologyModule } from '../methodology/methodology.module';
import { ResidentsModule } from '../residents/residents.module';
import { BindingsProcessor } from './services/bindings.processor';
import { CreditingBatch } from './services/crediting-batch';
import { CreditingProcessor } from './services/crediting.processor';
import { CreditingWriter } from './services/crediting-writer';
import { InboxSweeper } from './services/inbox-sweeper';
import { ProgramDrain } from './services/program-drain';

/** The worker side of earning: accepted events → reductions, points and audit leaves, exactly once. */
@Module({
  imports: [
    MethodologyModule,
    ResidentsModule,
    LedgerModule,
    AuditWritingModule,
    CallbacksOutboxModule,
  ],
  providers: [
    CreditingBatch,
    CreditingWriter,
    ProgramDrain,
    CreditingProcessor,
    BindingsProcessor,
    InboxSweeper,
  ],
  exports: [CreditingProcessor, BindingsProcessor, ProgramDrain],
})
export class CreditingWorkerModule {}
