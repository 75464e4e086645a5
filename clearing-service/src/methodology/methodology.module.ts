import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditWritingModule } from '../audit/audit-writing.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { MethodologyDraftsController } from './controllers/methodology-drafts.controller';
import { PublishedMethodologiesController } from './controllers/published-methodologies.controller';
import { methodologyEntities } from './methodology.schema';
import { MethodologyStore } from './services/methodology-store';
import { MethodologyRegistry } from './services/methodology-registry';
import { MethodologySeeder } from './services/methodology-seeder';

const services = [MethodologyStore, MethodologyRegistry, MethodologySeeder];

/** The registry and the catalog: what every process needs (the crediting worker reads the catalog). */
@Module({
  imports: [TypeOrmModule.forFeature(methodologyEntities), AuditWritingModule],
  providers: services,
  exports: services,
})
export class MethodologyModule {}

/** The api side: public reads of published methodologies and the bureau's drafting endpoints. */
@Module({
  imports: [MethodologyModule, TenancyModule],
  controllers: [PublishedMethodologiesController, MethodologyDraftsController],
})
export class MethodologyApiModule {}
