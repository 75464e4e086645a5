import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '../tenancy/tenancy.module';
import { BindingTokensController } from './controllers/binding-tokens.controller';
import { ResidentDataController } from './controllers/resident-data.controller';
import { ResidentMeController } from './controllers/resident-me.controller';
import { ResidentSessionsController } from './controllers/resident-sessions.controller';
import { residentsEntities } from './residents.schema';
import { BindingsService } from './services/bindings.service';
import { ResidentLoginService } from './services/resident-login.service';
import { ResidentSessionsService } from './services/resident-sessions.service';
import { ResidentsService } from './services/residents.service';
import { ResidentsStore } from './services/residents-store';
import { configuredWeChatSessionProvider } from './wechat/configured-wechat-session-provider';

const services = [ResidentsService, ResidentsStore, ResidentSessionsService];

/**
 * Residents and their sessions: what every process may need (the access guard authenticates
 * sessions; the crediting worker looks residents up through bindings with ResidentsStore).
 */
@Module({
  imports: [TypeOrmModule.forFeature(residentsEntities)],
  providers: services,
  exports: services,
})
export class ResidentsModule {}

/** The api side: WeChat sign-in, the resident's own routes, and operators' binding tokens. */
@Module({
  imports: [ResidentsModule, TenancyModule, TypeOrmModule.forFeature(residentsEntities)],
  controllers: [
    ResidentSessionsController,
    ResidentMeController,
    ResidentDataController,
    BindingTokensController,
  ],
  providers: [configuredWeChatSessionProvider, ResidentLoginService, BindingsService],
})
export class ResidentsApiModule {}
