import { Inject, Injectable } from '@nestjs/common';
import type { Program } from '../../tenancy/entities/program.entity';
import type { Resident } from '../entities/resident.entity';
import { WECHAT_SESSION_PROVIDER, WeChatSessionProvider } from '../wechat/wechat-session-provider';
import { ResidentSessionsService } from './resident-sessions.service';
import { ResidentsService } from './residents.service';

export interface ResidentLogin {
  token: string;
  expiresAt: Date;
  resident: Resident;
  bindings: number;
}

/** wx.login code → WeChat identity → the program's resident (created the first time) → a new session. */
@Injectable()
export class ResidentLoginService {
  constructor(
    @Inject(WECHAT_SESSION_PROVIDER) private readonly wechat: WeChatSessionProvider,
    private readonly residents: ResidentsService,
    private readonly sessions: ResidentSessionsService,
  ) {}

  async login(program: Program, code: string): Promise<ResidentLogin> {
    const identity = await this.wechat.code2Session(code);
    const resident = await this.residents.findOrCreate(program.id, identity);
    const { session, token } = await this.sessions.open(resident.id);
    return {
      token,
      expiresAt: session.expiresAt,
      resident,
      bindings: await this.residents.countBindings(resident.id),
    };
  }
}
