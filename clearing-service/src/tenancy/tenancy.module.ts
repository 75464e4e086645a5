import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditWritingModule } from '../audit/audit-writing.module';
import { AccessGuard } from './access/access.guard';
import { ApiKeysController } from './controllers/api-keys.controller';
import { MeController } from './controllers/me.controller';
import { ParticipantsController } from './controllers/participants.controller';
import { ProgramsController } from './controllers/programs.controller';
import { StaffController } from './controllers/staff.controller';
import { WebhookSecretsController } from './controllers/webhook-secrets.controller';
import { ApiKeysService } from './services/api-keys.service';
import { KeyUsageProcessor } from './services/key-usage.processor';
import { KeyUsageRecorder } from './services/key-usage.recorder';
import { ParticipantsStore } from './services/participants-store';
import { ProgramsStore } from './services/programs-store';
import { StaffUsersService } from './services/staff-users.service';
import { WebhookKeysStore } from './services/webhook-keys-store';
import { WebhookSecretsService } from './services/webhook-secrets.service';
import { tenancyEntities } from './tenancy.schema';

const services = [
  ProgramsStore,
  ParticipantsStore,
  StaffUsersService,
  ApiKeysService,
  WebhookSecretsService,
  WebhookKeysStore,
];

/** Programs, participants, staff and their credentials: the services every process needs. */
@Module({
  imports: [TypeOrmModule.forFeature(tenancyEntities), AuditWritingModule],
  providers: services,
  exports: services,
})
export class TenancyModule {}

/** The api side: tenancy endpoints and the access guard that scopes every request. */
@Module({
  imports: [TenancyModule],
  controllers: [
    ProgramsController,
    ParticipantsController,
    StaffController,
    ApiKeysController,
    WebhookSecretsController,
    MeController,
  ],
  providers: [KeyUsageRecorder, { provide: APP_GUARD, useClass: AccessGuard }],
})
export class TenancyApiModule {}

/** The worker side: background jobs of this domain. */
@Module({
  imports: [TypeOrmModule.forFeature(tenancyEntities)],
  providers: [KeyUsageProcessor],
  exports: [KeyUsageProcessor],
})
export class TenancyWorkerModule {}
