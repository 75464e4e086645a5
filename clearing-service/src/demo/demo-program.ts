import type { ParticipantCreate, ProgramCreate } from '@tanlian/sdk';
import { type OperatorCodes, Population } from './simulator';

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

/** Which demo operator plays which part in the simulated city (see simulator/). */
export const DEMO_OPERATOR_ROLES: OperatorCodes = {
  metro: 'shenzhen-metro',
  bus: 'shenzhen-bus',
  bike: 'bike-share',
  mapApp: 'map-app',
  power: 'power-utility',
};

/** The demo's residents: a fixed population, so restarts find their bindings in place. */
export const DEMO_RESIDENTS = 300;
const DEMO_POPULATION_SEED = 0x5a_2021;

export function demoPopulation(): Population {
  return new Population({
    seed: DEMO_POPULATION_SEED,
    residents: DEMO_RESIDENTS,
    operators: DEMO_OPERATOR_ROLES,
    // A few users have not bound their operator account yet: their events wait as pending_binding.
    unboundShare: 0.01,
  });
}
