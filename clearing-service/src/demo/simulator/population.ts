import { Prng } from './prng';

/** What a scenario operator does in the simulation; the codes come from the program. */
export type OperatorRole = 'metro' | 'bus' | 'bike' | 'mapApp' | 'power';
export const OPERATOR_ROLES: readonly OperatorRole[] = ['metro', 'bus', 'bike', 'mapApp', 'power'];

/** Operator code per role, e.g. `{ metro: 'shenzhen-metro', … }`. */
export type OperatorCodes = Record<OperatorRole, string>;

/** A resident's account at one operator: the operator's own user id, and whether it is bound. */
export interface SimAccount {
  user: string;
  /** False for the few users who use the app but have not bound it to their carbon account yet. */
  bound: boolean;
}

export interface SimResident {
  index: number;
  /** The WeChat openid the resident signs in with (the development provider accepts any). */
  openid: string;
  /** GB/T 2260 code of the home district (Shenzhen). */
  district: string;
  accounts: Partial<Record<OperatorRole, SimAccount>>;
  /** Commutes by metro on most weekdays. */
  commuter: boolean;
  commuteKm: number;
  busKm: number;
  bikeKm: number;
  stepsPerDay: number;
  whPerDay: number;
}

export interface PopulationOptions {
  seed: number;
  residents: number;
  operators: OperatorCodes;
  /** Share of operator accounts not bound to a resident (their events wait as pending_binding). */
  unboundShare?: number;
}

export interface SimBinding {
  residentIndex: number;
  openid: string;
  role: OperatorRole;
  operator: string;
  user: string;
}

/** Shenzhen's districts (GB/T 2260), roughly weighted by population. */
const DISTRICTS: readonly string[] = [
  '440303', // 罗湖
  '440304', // 福田
  '440304',
  '440305', // 南山
  '440305',
  '440306', // 宝安
  '440306',
  '440306',
  '440307', // 龙岗
  '440307',
  '440307',
  '440308', // 盐田
  '440309', // 龙华
  '440309',
  '440310', // 坪山
  '440311', // 光明
];

// Who uses what, as shares of residents who joined the scheme (each has at least one account).
const USES: Record<OperatorRole, number> = {
  metro: 0.68,
  bus: 0.45,
  bike: 0.38,
  mapApp: 0.55,
  power: 0.3,
};

const USER_PREFIX: Record<OperatorRole, string> = {
  metro: 'szm',
  bus: 'bus',
  bike: 'bk',
  mapApp: 'amp',
  power: 'pw',
};

/** The residents of a simulation: deterministic in `seed` and `residents`. */
export class Population {
  readonly residents: SimResident[];

  constructor(readonly options: PopulationOptions) {
    if (!Number.isInteger(options.residents) || options.residents < 1)
      throw new RangeError('residents must be a positive whole number');
    const prng = new Prng(options.seed);
    const unbound = options.unboundShare ?? 0;
    const tag = (options.seed >>> 0).toString(36);
    this.residents = Array.from({ length: options.residents }, (_, index) => {
      const r = prng.fork();
      const accounts: SimResident['accounts'] = {};
      for (const role of OPERATOR_ROLES) {
        if (r.chance(USES[role])) accounts[role] = account(r, role, index, unbound);
      }
      if (Object.keys(accounts).length === 0) accounts.metro = account(r, 'metro', index, unbound);
      return {
        index,
        openid: `sim-${tag}-${index}`,
        district: r.pick(DISTRICTS),
        accounts,
        commuter: r.chance(0.8),
        commuteKm: r.logNormal(9, 0.55, 2, 25),
        busKm: r.logNormal(4.5, 0.5, 1.2, 15),
        bikeKm: r.logNormal(1.8, 0.5, 0.4, 6),
        stepsPerDay: r.logNormal(6500, 0.35, 1500, 20000),
        whPerDay: r.logNormal(3000, 0.3, 1200, 9000),
      };
    });
  }

  /** Every bound (operator, user) → resident pair, which the program must hold for events to credit. */
  bindings(): SimBinding[] {
    const out: SimBinding[] = [];
    for (const r of this.residents) {
      for (const role of OPERATOR_ROLES) {
        const a = r.accounts[role];
        if (a?.bound)
          out.push({
            residentIndex: r.index,
            openid: r.openid,
            role,
            operator: this.options.operators[role],
            user: a.user,
          });
      }
    }
    return out;
  }
}

function account(r: Prng, role: OperatorRole, index: number, unboundShare: number): SimAccount {
  const suffix = r.uint32().toString(16).padStart(8, '0').slice(0, 4);
  return {
    user: `${USER_PREFIX[role]}_${index.toString(36).padStart(5, '0')}_${suffix}`,
    bound: !r.chance(unboundShare),
  };
}
