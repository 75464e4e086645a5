import type { ResidentBindingView, ResidentView } from '@tanlian/sdk';
import type { Program } from '../tenancy/entities/program.entity';
import type { Resident } from './entities/resident.entity';
import type { BoundAccount } from './services/bindings.service';

// Entities → the public contract of @tanlian/sdk. Numeric ids and WeChat ids never leave the service.

export function residentView(resident: Resident, program: Program, bindings: number): ResidentView {
  return {
    id: resident.publicId,
    program: program.code,
    createdAt: resident.createdAt.toISOString(),
    bindings,
  };
}

export function residentBindingView(account: BoundAccount): ResidentBindingView {
  return {
    operator: account.operatorCode,
    user: account.externalUserId,
    boundAt: account.boundAt.toISOString(),
  };
}
