import type { CalculationModel, MethodologyDefinition, MethodologyStatus } from '@tanlian/sdk';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintColumn, definitionColumn } from './column-transformers';

/**
 * One version of a methodology (`code@version`) of one program: draft → published → retired.
 * `definition` is the authority and never changes once published; behaviour, model, the window,
 * the factor and the caps are copied into columns so SQL (and the bureau's reports) can read them.
 */
@Entity('methodologies')
@Index(['programId', 'code', 'version'], { unique: true })
@Index(['programId', 'behaviour', 'status'])
export class Methodology {
  @PrimaryGeneratedColumn({ unsigned: true })
  id: number;

  @Column({ name: 'program_id', type: 'int', unsigned: true })
  programId: number;

  /** e.g. `SZ-METRO`; one code keeps one behaviour across its versions. */
  @Column({ length: 32 })
  code: string;

  /** 1, 2, …: the next number for the code when the draft is created. */
  @Column({ type: 'int', unsigned: true })
  version: number;

  @Column({ type: 'enum', enum: ['draft', 'published', 'retired'] })
  status: MethodologyStatus;

  @Column({ length: 32 })
  behaviour: string;

  @Column({ type: 'enum', enum: ['per_distance', 'per_unit', 'per_event', 'baseline_diff'] })
  model: CalculationModel;

  @Column({ type: 'text', transformer: definitionColumn })
  definition: MethodologyDefinition;

  /** SHA-256 hex of the canonical definition; set at publication, null while a draft. */
  @Column({ name: 'content_hash', type: 'char', length: 64, nullable: true })
  contentHash: string | null;

  @Column({ name: 'effective_from', type: 'datetime', precision: 3 })
  effectiveFrom: Date;

  /** Exclusive; null = no end. */
  @Column({ name: 'effective_to', type: 'datetime', precision: 3, nullable: true })
  effectiveTo: Date | null;

  /** The factor as a ratio of integers: factorMg milligrams per factorPer base units (1 for per_event). */
  @Column({ name: 'factor_mg', type: 'bigint', unsigned: true, transformer: bigintColumn })
  factorMg: number;

  @Column({ name: 'factor_per', type: 'bigint', unsigned: true, transformer: bigintColumn })
  factorPer: number;

  @Column({
    name: 'cap_per_event_mg',
    type: 'bigint',
    unsigned: true,
    nullable: true,
    transformer: bigintColumn,
  })
  capPerEventMg: number | null;

  @Column({
    name: 'cap_per_day_mg',
    type: 'bigint',
    unsigned: true,
    nullable: true,
    transformer: bigintColumn,
  })
  capPerDayMg: number | null;

  @Column({
    name: 'cap_per_month_mg',
    type: 'bigint',
    unsigned: true,
    nullable: true,
    transformer: bigintColumn,
  })
  capPerMonthMg: number | null;

  @Column({ name: 'cap_per_day_events', type: 'int', unsigned: true, nullable: true })
  capPerDayEvents: number | null;

  @Column({ name: 'cap_per_month_events', type: 'int', unsigned: true, nullable: true })
  capPerMonthEvents: number | null;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'retired_at', type: 'datetime', precision: 3, nullable: true })
  retiredAt: Date | null;
}
