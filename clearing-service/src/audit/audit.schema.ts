import type { MigrationInterface } from 'typeorm';
import { CreateAuditLeaves1763700500000 } from './migrations/1763700500000-create-audit-leaves';
import { CreateAuditTree1763700800000 } from './migrations/1763700800000-create-audit-tree';
import { CreateAuditWitnesses1763701100000 } from './migrations/1763701100000-create-audit-witnesses';
import { CreateAuditFsck1763701200000 } from './migrations/1763701200000-create-audit-fsck';
import { StoreAuditTiles1763701300000 } from './migrations/1763701300000-store-audit-tiles';
import { StoreLeafHashes1763701400000 } from './migrations/1763701400000-store-leaf-hashes';
import { SealResidentSalts1763702100000 } from './migrations/1763702100000-seal-resident-salts';
import { RegisterSigningKeys1763702200000 } from './migrations/1763702200000-register-signing-keys';
import { CreateResidentChains1763702300000 } from './migrations/1763702300000-create-resident-chains';
import { CreateViewingKeys1763702400000 } from './migrations/1763702400000-create-viewing-keys';

// The audit module's tables; gathered with every other module's in database/schema.ts.
export const auditEntities: (new () => object)[] = [];
export const auditMigrations: (new () => MigrationInterface)[] = [
  CreateAuditLeaves1763700500000,
  CreateAuditTree1763700800000,
  CreateAuditWitnesses1763701100000,
  CreateAuditFsck1763701200000,
  StoreAuditTiles1763701300000,
  StoreLeafHashes1763701400000,
  SealResidentSalts1763702100000,
  RegisterSigningKeys1763702200000,
  CreateResidentChains1763702300000,
  CreateViewingKeys1763702400000,
];
