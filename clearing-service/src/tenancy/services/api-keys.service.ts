import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { AuditRecords, refIdOfTokenId } from '../../audit/services/audit-records';
import { apiKeyNotFound } from '../tenancy-errors';
import type { BearerAuthenticator } from '../access/bearer-authenticator';
import type { Principal } from '../access/principal';
import { ApiKey } from '../entities/api-key.entity';
import { StaffUser } from '../entities/staff-user.entity';
import { mintToken, parseToken, secretMatches } from '../access/bearer-token';

export interface IssuedApiKey {
  key: ApiKey;
  /** Shown once to whoever created the key; never stored. */
  token: string;
}

interface KeyOwnerRow {
  id: string;
  secret_hash: Buffer;
  program_id: number | null;
  participant_id: number | null;
  staff_user_id: number | null;
  is_operator: number | null;
  is_merchant: number | null;
  staff_role: 'bureau' | 'admin' | null;
}

@Injectable()
export class ApiKeysService implements BearerAuthenticator {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly audit: AuditRecords,
  ) {}

  issueForParticipant(
    programId: number,
    participantId: number,
    label: string,
  ): Promise<IssuedApiKey> {
    return this.issue({ programId, participantId, staffUserId: null, label });
  }

  issueForStaff(staff: StaffUser, label: string): Promise<IssuedApiKey> {
    return this.issue({
      programId: staff.programId,
      participantId: null,
      staffUserId: staff.id,
      label,
    });
  }

  listForParticipant(participantId: number): Promise<ApiKey[]> {
    return this.keys.find({ where: { participantId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The keys of these staff users, oldest first. */
  listForStaff(staffUserIds: number[]): Promise<ApiKey[]> {
    if (staffUserIds.length === 0) return Promise.resolve([]);
    return this.keys.find({
      where: { staffUserId: In(staffUserIds) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Revokes one of the participant's keys; effective on the next request (no cache). Idempotent. */
  async revokeForParticipant(participantId: number, keyId: string): Promise<ApiKey> {
    const key = await this.keys.findOneBy({ id: keyId, participantId });
    if (!key) throw apiKeyNotFound(keyId);
    return this.revoke(key);
  }

  /** For the admin CLI, which names keys by id alone. */
  async revokeById(keyId: string): Promise<ApiKey> {
    const key = await this.keys.findOneBy({ id: keyId });
    if (!key) throw apiKeyNotFound(keyId);
    return this.revoke(key);
  }

  /** The principal behind a live token, or null for anything unknown, malformed or revoked. */
  async authenticate(token: string): Promise<Principal | null> {
    const parsed = parseToken('key', token);
    if (!parsed) return null;
    const rows: KeyOwnerRow[] = await this.keys.query(
      `SELECT k.id, k.secret_hash, k.program_id, k.participant_id, k.staff_user_id,
              p.is_operator, p.is_merchant, s.role AS staff_role
         FROM api_keys k
         LEFT JOIN participants p ON p.id = k.participant_id
         LEFT JOIN staff_users s ON s.id = k.staff_user_id
        WHERE k.id = ? AND k.revoked_at IS NULL`,
      [parsed.id],
    );
    const row = rows[0];
    if (!row || !secretMatches(parsed.secret, row.secret_hash)) return null;
    return toPrincipal(row);
  }

  /** A new bureau user of the program with its first key, in one transaction: never one alone. */
  issueForNewBureauUser(programId: number, name: string, label: string): Promise<IssuedApiKey> {
    return this.issue({ programId, participantId: null, staffUserId: null, label }, async (db) => {
      const staff = db.getRepository(StaffUser);
      return (await staff.save(staff.create({ programId, role: 'bureau', name }))).id;
    });
  }

  private async issue(
    fields: Pick<ApiKey, 'programId' | 'participantId' | 'staffUserId' | 'label'>,
    newStaffUser?: (db: EntityManager) => Promise<number>,
  ): Promise<IssuedApiKey> {
    const minted = mintToken('key');
    return this.keys.manager.transaction(async (db) => {
      const keys = db.getRepository(ApiKey);
      const staffUserId = newStaffUser ? await newStaffUser(db) : fields.staffUserId;
      await keys.insert(
        keys.create({
          ...fields,
          staffUserId,
          id: minted.id,
          secretHash: minted.secretHash,
          revokedAt: null,
          lastUsedAt: null,
        }),
      );
      const saved = await keys.findOneByOrFail({ id: minted.id });
      await this.record(db, 'api_key_created', saved);
      return { key: saved, token: minted.token };
    });
  }

  private async revoke(key: ApiKey): Promise<ApiKey> {
    return this.keys.manager.transaction(async (db) => {
      const keys = db.getRepository(ApiKey);
      const result = await keys.update(
        { id: key.id, revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      const revoked = await keys.findOneByOrFail({ id: key.id });
      if (result.affected) await this.record(db, 'api_key_revoked', revoked);
      return revoked;
    });
  }

  /**
   * Program keys are public record: who held a key to the program, from when to when (never the
   * label, which is free text, nor anything of the secret). Admin keys belong to no program's log.
   */
  private async record(
    db: EntityManager,
    kind: 'api_key_created' | 'api_key_revoked',
    key: ApiKey,
  ): Promise<void> {
    if (key.programId === null) return;
    const [holder]: { code: string }[] =
      key.participantId === null
        ? [{ code: `staff:${key.staffUserId}` }]
        : await db.query('SELECT code FROM participants WHERE id = ?', [key.participantId]);
    await this.audit.append(db, key.programId, {
      kind,
      refId: refIdOfTokenId(key.id),
      type: kind,
      fields: { key: { id: key.id, holder: holder.code } },
    });
  }
}

function toPrincipal(row: KeyOwnerRow): Principal | null {
  if (row.participant_id !== null && row.program_id !== null) {
    const roles: ('operator' | 'merchant')[] = [];
    if (row.is_operator) roles.push('operator');
    if (row.is_merchant) roles.push('merchant');
    return {
      kind: 'participant',
      keyId: row.id,
      participantId: row.participant_id,
      programId: row.program_id,
      roles,
    };
  }
  if (row.staff_user_id !== null && row.staff_role === 'admin') {
    return { kind: 'admin', keyId: row.id, staffUserId: row.staff_user_id, programId: null };
  }
  if (row.staff_user_id !== null && row.staff_role === 'bureau' && row.program_id !== null) {
    return {
      kind: 'bureau',
      keyId: row.id,
      staffUserId: row.staff_user_id,
      programId: row.program_id,
    };
  }
  return null;
}
