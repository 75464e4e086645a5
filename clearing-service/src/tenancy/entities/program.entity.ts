import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditHash = 'sha256' | 'sm3';
export type SettlementCycle = 'daily' | 'weekly' | 'monthly';

/** The tenant: one city's carbon-inclusion scheme. Nothing ever crosses programs implicitly. */
@Entity('programs')
export class Program {
  @PrimaryGeneratedColumn({ unsigned: true })
  id: number;

  /** Stable public identifier used in URLs, e.g. `shenzhen`. */
  @Column({ length: 32, unique: true })
  code: string;

  @Column({ length: 128 })
  name: string;

  /** Points rule: grams CO2e of reduction per carbon point. */
  @Column({ name: 'grams_per_point', type: 'int', unsigned: true })
  gramsPerPoint: number;

  /** Settlement value of one point, in fen. */
  @Column({ name: 'fen_per_point', type: 'int', unsigned: true })
  fenPerPoint: number;

  /** Hash of the program's audit log; fixed at creation. */
  @Column({ name: 'audit_hash', type: 'enum', enum: ['sha256', 'sm3'], update: false })
  auditHash: AuditHash;

  @Column({ name: 'settlement_cycle', type: 'enum', enum: ['daily', 'weekly', 'monthly'] })
  settlementCycle: SettlementCycle;

  /** The IANA time zone of the program's clearing cut-off (src/clearing/README.md). */
  @Column({ name: 'time_zone', length: 64, default: 'Asia/Shanghai' })
  timeZone: string;

  /** The cut-off of each clearing cycle, in minutes after local midnight. */
  @Column({ name: 'cycle_cutoff_minutes', type: 'smallint', unsigned: true, default: 0 })
  cycleCutoffMinutes: number;

  /** The platform's fee on what merchants receive, in basis points (0: none). */
  @Column({ name: 'merchant_fee_bps', type: 'smallint', unsigned: true, default: 0 })
  merchantFeeBps: number;

  /** How long after an event an operator may still report it. */
  @Column({ name: 'acceptance_window_hours', type: 'int', unsigned: true, default: 168 })
  acceptanceWindowHours: number;

  /** How long an event for an unbound user waits for the resident to bind before it is rejected. */
  @Column({ name: 'binding_window_hours', type: 'int', unsigned: true, default: 720 })
  bindingWindowHours: number;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;
}
