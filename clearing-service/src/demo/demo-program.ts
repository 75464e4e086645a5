import type { ParticipantCreate, ProgramCreate } from '@tanlian/sdk';

/** The seeded demo: Shenzhen's scheme with the kinds of operators and merchants it really has. */
export const DEMO_PROGRAM: ProgramCreate = {
  code: 'shenzhen',
  name: '深圳碳普惠 (demo)',
  gramsPerPoint: 10,
  fenPerPoint: 1,
  auditHash: 'sha256',
  settlementCycle: 'daily',
};

export const DEMO_PARTICIPANTS: ParticipantCreate[] = [
  { code: 'shenzhen-metro', name: '深圳地铁 乘车码', roles: ['operator'], fundingMode: 'prepaid' },
  { code: 'shenzhen-bus', name: '深圳巴士 乘车码', roles: ['operator'], fundingMode: 'postpaid' },
  { code: 'map-app', name: '地图出行 (map app)', roles: ['operator'], fundingMode: 'prepaid' },
  {
    code: 'bike-share',
    name: '共享单车 (bike share)',
    roles: ['operator', 'merchant'],
    fundingMode: 'prepaid',
  },
  {
    code: 'power-utility',
    name: '深圳供电局 (power utility)',
    roles: ['operator'],
    fundingMode: 'postpaid',
  },
  { code: 'green-cafe', name: '绿色咖啡 (merchant)', roles: ['merchant'] },
  { code: 'eco-mart', name: '环保超市 (merchant)', roles: ['merchant'] },
];
