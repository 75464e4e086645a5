import { Logger } from '@nestjs/common';
import type { SqlRunner } from '../../database/sql';
import { presentedCodeHash } from '../redemption-code-secret';
import { pointsNotPositive, pointsOverCap, residentTokenInvalid } from '../redemption-errors';
import { claimRedemptionCode, codeBySecretHash } from './redemption-codes-store';

const logger = new Logger('redemption');

/**
 * A merchant presents a resident's code with an amount: the code is used up, in the caller's
 * transaction (the hold's), and the resident it consents for is returned. A rollback leaves it
 * unused. Two concurrent presentations of one code: exactly one wins.
 *
 * Unknown, expired, used, revoked, and bound to another merchant all answer the same 401
 * resident_token_invalid (the real reason is logged at debug): the merchant holding a code it may
 * not use is told nothing a guesser could learn, and the code stays good for its own merchant.
 * Over the code's cap answers 422 naming `points` and leaves the code unused, so the till can retry
 * with a smaller amount.
 */
export async function consumeRedemptionCode(
  db: SqlRunner,
  programId: number,
  presented: string,
  merchantParticipantId: number,
  points: number,
): Promise<number> {
  // The hold validates its amount; a code is never spent on nothing all the same.
  if (!Number.isSafeInteger(points) || points < 1) throw pointsNotPositive();
  const secretHash = presentedCodeHash(presented);
  if (!secretHash) return refuse('not shaped like a redemption code');
  if (await claimRedemptionCode(db, programId, secretHash, merchantParticipantId, points)) {
    const claimed = await codeBySecretHash(db, programId, secretHash);
    return claimed!.residentId;
  }
  // Nothing claimed: find out why, for the answer and the log.
  const code = await codeBySecretHash(db, programId, secretHash);
  if (!code) return refuse('unknown in this program');
  if (code.status !== 'active') return refuse(`${code.status} (${code.publicId})`);
  if (code.merchantId !== null && code.merchantId !== merchantParticipantId)
    return refuse(`bound to another merchant (${code.publicId})`);
  if (code.maxPoints !== null && points > code.maxPoints) throw pointsOverCap(code.maxPoints);
  // Live and fitting now, yet not claimed a moment ago: a rival's claim was rolled back between.
  return refuse(`lost a race (${code.publicId})`);
}

function refuse(reason: string): never {
  logger.debug(`redemption code refused: ${reason}`);
  throw residentTokenInvalid();
}
