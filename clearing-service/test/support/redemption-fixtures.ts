import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { consumeRedemptionCode } from '../../src/redemption/services/code-consumption';
import { ResidentLoginService } from '../../src/residents/services/resident-login.service';
import type { Program } from '../../src/tenancy/entities/program.entity';

export interface SignedInResidentFixture {
  /** The numeric id consumeRedemptionCode answers. */
  id: number;
  token: string;
}

/** A resident of the program signed in through the development WeChat provider. */
export async function signedIn(
  app: INestApplicationContext,
  program: Program,
  name: string,
): Promise<SignedInResidentFixture> {
  const login = await app.get(ResidentLoginService).login(program, `dev:${name}`);
  return { id: login.resident.id, token: login.token };
}

/** What the hold step will do: present the code with an amount, in a transaction of its own. */
export function presentCode(
  app: INestApplicationContext,
  programId: number,
  code: string,
  merchantId: number,
  points: number,
): Promise<number> {
  return app
    .get(DataSource)
    .transaction((em) => consumeRedemptionCode(em, programId, code, merchantId, points));
}
