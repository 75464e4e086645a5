import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { BearerAuthenticator } from '../../tenancy/access/bearer-authenticator';
import type { Principal } from '../../tenancy/access/principal';
import { ResidentSession } from '../entities/resident-session.entity';
import { mintToken, parseToken, secretMatches } from '../../tenancy/access/bearer-token';

/** How long a sign-in lasts. Fixed from sign-in, not sliding: the mini-program signs in again. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export interface OpenedSession {
  session: ResidentSession;
  /** `rs_<id>.<secret>`: shown once to the mini-program; only the secret's hash is stored. */
  token: string;
}

interface LiveSessionRow {
  id: string;
  secret_hash: Buffer;
  resident_id: number;
  program_id: number;
}

/** Tanlian's own session tokens for residents; the access guard asks authenticate() on every request. */
@Injectable()
export class ResidentSessionsService implements BearerAuthenticator {
  constructor(
    @InjectRepository(ResidentSession) private readonly sessions: Repository<ResidentSession>,
  ) {}

  async open(residentId: number, now = new Date()): Promise<OpenedSession> {
    const minted = mintToken('rs');
    await this.sessions.insert({
      id: minted.id,
      residentId,
      secretHash: minted.secretHash,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
      revokedAt: null,
    });
    return { session: await this.sessions.findOneByOrFail({ id: minted.id }), token: minted.token };
  }

  /** The resident behind a live session token; null for API keys, unknown, expired or revoked tokens. */
  async authenticate(token: string): Promise<Principal | null> {
    const parsed = parseToken('rs', token);
    if (!parsed) return null;
    const rows: LiveSessionRow[] = await this.sessions.query(
      `SELECT s.id, s.secret_hash, s.resident_id, r.program_id
         FROM resident_sessions s
         JOIN residents r ON r.id = s.resident_id
        WHERE s.id = ? AND s.revoked_at IS NULL AND s.expires_at > ?`,
      [parsed.id, new Date()],
    );
    const row = rows[0];
    if (!row || !secretMatches(parsed.secret, row.secret_hash)) return null;
    return {
      kind: 'resident',
      keyId: row.id,
      residentId: row.resident_id,
      programId: row.program_id,
    };
  }

  /** Logout: refused from the next request on. Idempotent. */
  async revoke(sessionId: string): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
