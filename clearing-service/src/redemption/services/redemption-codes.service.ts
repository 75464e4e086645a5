import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  REDEMPTION_CODE_TTL_SECONDS,
  RedemptionCodeId,
  type RedemptionCodeCreate,
  type RedemptionCodeCreated,
  type RedemptionCodeView,
} from '@tanlian/sdk';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { SignedInResident } from '../../residents/controllers/signed-in-resident';
import { participantCodes, ParticipantsStore } from '../../tenancy/services/participants-store';
import { mintRedemptionCode } from '../redemption-code-secret';
import { redemptionCodeNotFound, redemptionCodeUsed, unknownMerchant } from '../redemption-errors';
import { redemptionCodeView } from '../views';
import {
  insertRedemptionCode,
  residentCode,
  revokeLiveCode,
  type RedemptionCodeRow,
} from './redemption-codes-store';

/** A resident's own redemption codes: create, poll, revoke. Always the caller's, never a path id's. */
@Injectable()
export class RedemptionCodesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly participants: ParticipantsStore,
  ) {}

  async create(
    resident: SignedInResident,
    input: RedemptionCodeCreate,
  ): Promise<RedemptionCodeCreated> {
    const merchantId = input.merchant ? await this.merchantId(resident, input.merchant) : null;
    const minted = mintRedemptionCode();
    const publicId = `rc_${randomBytes(8).toString('hex')}`;
    await insertRedemptionCode(this.dataSource, {
      publicId,
      programId: resident.programId,
      residentId: resident.residentId,
      merchantId,
      maxPoints: input.maxPoints ?? null,
      secretHash: minted.secretHash,
      ttlSeconds: input.ttlSeconds ?? REDEMPTION_CODE_TTL_SECONDS.default,
    });
    return { ...(await this.find(resident, publicId)), code: minted.code };
  }

  /** For polling: the mini-program shows the result once a merchant has used the code. */
  async find(resident: SignedInResident, publicId: string): Promise<RedemptionCodeView> {
    return this.view(await this.ownCode(resident, publicId));
  }

  /**
   * Leaving the screen withdraws an unused code. Revoked or expired already: answered as it is. Used:
   * 409, and the hold made with it stays (a phone locking at the till never cancels a sale).
   */
  async revoke(resident: SignedInResident, publicId: string): Promise<RedemptionCodeView> {
    // Scoped to the resident like every read: another's code is left alone, then answers 404.
    await revokeLiveCode(this.dataSource, resident.programId, resident.residentId, publicId);
    const code = await this.ownCode(resident, publicId);
    if (code.status === 'used') throw redemptionCodeUsed();
    return this.view(code);
  }

  private async ownCode(resident: SignedInResident, publicId: string): Promise<RedemptionCodeRow> {
    // A malformed id names no code: the same 404, without a query.
    const code = RedemptionCodeId.safeParse(publicId).success
      ? await residentCode(this.dataSource, resident.programId, resident.residentId, publicId)
      : null;
    if (!code) throw redemptionCodeNotFound();
    return code;
  }

  private async merchantId(resident: SignedInResident, code: string): Promise<number> {
    const merchant = await this.participants.findByCode(resident.programId, code);
    if (!merchant?.isMerchant) throw unknownMerchant(code);
    return merchant.id;
  }

  private async view(code: RedemptionCodeRow): Promise<RedemptionCodeView> {
    if (code.merchantId === null) return redemptionCodeView(code, null);
    const codes = await participantCodes(this.dataSource, [code.merchantId]);
    return redemptionCodeView(code, codes.get(code.merchantId)!);
  }
}
