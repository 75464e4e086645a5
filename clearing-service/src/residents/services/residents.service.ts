import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { isDuplicateKey } from '../../database/mysql-errors';
import { ResidentBinding } from '../entities/resident-binding.entity';
import { Resident } from '../entities/resident.entity';
import type { WeChatIdentity } from '../wechat/wechat-session-provider';

/** Residents: sign-in creates them; their bound accounts count. Lookups by binding: ResidentsStore. */
@Injectable()
export class ResidentsService {
  constructor(
    @InjectRepository(Resident) private readonly residents: Repository<Resident>,
    @InjectRepository(ResidentBinding) private readonly bindings: Repository<ResidentBinding>,
  ) {}

  findResident(id: number): Promise<Resident | null> {
    return this.residents.findOneBy({ id });
  }

  /** The program's resident for this WeChat user, created at the first sign-in. */
  async findOrCreate(programId: number, identity: WeChatIdentity): Promise<Resident> {
    const existing = await this.residents.findOneBy({ programId, wechatOpenid: identity.openid });
    if (existing) return this.noteUnionid(existing, identity.unionid);
    try {
      await this.residents.insert({
        publicId: `res_${randomBytes(8).toString('hex')}`,
        programId,
        wechatOpenid: identity.openid,
        wechatUnionid: identity.unionid ?? null,
      });
    } catch (err) {
      // Two first sign-ins at once: the other one created the resident; use it.
      if (!isDuplicateKey(err)) throw err;
    }
    return this.residents.findOneByOrFail({ programId, wechatOpenid: identity.openid });
  }

  countBindings(residentId: number): Promise<number> {
    return this.bindings.countBy({ residentId });
  }

  /** WeChat gives a unionid once the mini-program joins an Open Platform account; keep it then. */
  private async noteUnionid(resident: Resident, unionid: string | undefined): Promise<Resident> {
    if (!unionid || resident.wechatUnionid === unionid) return resident;
    await this.residents.update({ id: resident.id }, { wechatUnionid: unionid });
    return { ...resident, wechatUnionid: unionid };
  }
}
