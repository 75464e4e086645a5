import { Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AuditHistoryController } from './controllers/audit-history.controller';
import { AuditFsckController } from './controllers/audit-fsck.controller';
import { AuditLogController } from './controllers/audit-log.controller';
import { AuditTilesController } from './controllers/audit-tiles.controller';
import { AuditWitnessController } from './controllers/audit-witness.controller';
import { ResidentEntriesController } from './controllers/resident-entries.controller';
import { AuditWritingModule } from './audit-writing.module';
import { AuditBalances } from './services/audit-balances';
import { AuditCheckpoints } from './services/audit-checkpoints';
import { AuditFsck } from './services/audit-fsck';
import { AuditFsckSchedule } from './services/audit-fsck-schedule';
import { AuditIntegrator } from './services/audit-integrator';
import { AuditKeyring } from './services/audit-keyring';
import { AuditLogReader } from './services/audit-log-reader';
import { AuditMetrics } from './services/audit-metrics';
import { AuditKeyAnnouncements } from './services/audit-key-announcements';
import { AuditPrograms } from './services/audit-programs';
import { AuditReceipts } from './services/audit-receipts';
import { AuditSigningKeys } from './services/audit-signing-keys';
import { AuditTiles } from './services/audit-tiles';
import { AuditProofEdge } from './services/audit-proof-edge';
import { AuditTileEdge } from './services/audit-tile-edge';
import { AuditTreeStore } from './services/audit-tree-store';
import { AuditWitnesses } from './services/audit-witnesses';
import { ResidentEntriesReader } from './services/resident-entries.reader';
import { AuditViewing } from './services/audit-viewing';
import { ViewingKeys } from './services/viewing-keys';
import { AuditViewingController } from './controllers/audit-viewing.controller';

/**
 * Reading the log as auditors are served it, its registry of signing keys, and the self-check
 * (fsck) over it: what the api, the worker and the CLI share.
 */
@Module({
  imports: [AuditWritingModule],
  providers: [
    AuditSigningKeys,
    AuditTreeStore,
    AuditLogReader,
    AuditCheckpoints,
    AuditBalances,
    ViewingKeys,
    AuditViewing,
    AuditFsck,
  ],
  exports: [
    AuditSigningKeys,
    AuditTreeStore,
    AuditLogReader,
    AuditCheckpoints,
    AuditBalances,
    ViewingKeys,
    AuditViewing,
    AuditFsck,
  ],
})
export class AuditReadingModule {}

/**
 * The worker side: the integrator seals leaves into subtrees and signed checkpoints, and the
 * fsck re-verifies each log on a schedule (both timers).
 */
@Module({
  imports: [AuditWritingModule, AuditReadingModule, TenancyModule],
  providers: [AuditKeyring, AuditIntegrator, AuditFsckSchedule],
  exports: [AuditIntegrator, AuditKeyring],
})
export class AuditWorkerModule {}

/**
 * The api side: public checkpoints (with their history and cosignatures), keys, leaves, proofs,
 * tlog-tiles and balances; the bureau's witness routes and fsck result; the audit gauges on /metrics.
 */
@Module({
  imports: [TenancyModule, AuditWritingModule, AuditReadingModule],
  controllers: [
    AuditLogController,
    AuditTilesController,
    AuditHistoryController,
    AuditWitnessController,
    AuditFsckController,
    ResidentEntriesController,
    AuditViewingController,
  ],
  providers: [
    AuditPrograms,
    AuditReceipts,
    AuditWitnesses,
    AuditMetrics,
    AuditKeyAnnouncements,
    AuditTiles,
    AuditTileEdge,
    AuditProofEdge,
    ResidentEntriesReader,
  ],
  exports: [AuditReceipts, AuditTileEdge, AuditProofEdge],
})
export class AuditApiModule {}
