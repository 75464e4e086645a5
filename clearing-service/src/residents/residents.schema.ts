import { BindingToken } from './entities/binding-token.entity';
import { ResidentBinding } from './entities/resident-binding.entity';
import { ResidentSession } from './entities/resident-session.entity';
import { Resident } from './entities/resident.entity';
import { CreateResidents1763700200000 } from './migrations/1763700200000-create-residents';

// The residents module's tables; gathered with every other module's in database/schema.ts.
export const residentsEntities = [Resident, ResidentSession, BindingToken, ResidentBinding];
export const residentsMigrations = [CreateResidents1763700200000];
