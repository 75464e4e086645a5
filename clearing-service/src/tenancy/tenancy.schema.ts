import { ApiKey } from './entities/api-key.entity';
import { Participant } from './entities/participant.entity';
import { Program } from './entities/program.entity';
import { StaffUser } from './entities/staff-user.entity';
import { WebhookSecret } from './entities/webhook-secret.entity';
import { CreateTenancy1763700000000 } from './migrations/1763700000000-create-tenancy';
import { AddProgramClearingSettings1763703200000 } from './migrations/1763703200000-add-program-clearing-settings';

export const tenancyEntities = [Program, Participant, StaffUser, ApiKey, WebhookSecret];
export const tenancyMigrations = [
  CreateTenancy1763700000000,
  AddProgramClearingSettings1763703200000,
];
