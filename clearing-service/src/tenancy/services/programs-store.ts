import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ProgramCreate } from '@tanlian/sdk';
import { Repository } from 'typeorm';
import { programCodeTaken } from '../tenancy-errors';
import { isDuplicateKey } from '../../database/mysql-errors';
import type { SqlRunner } from '../../database/sql';
import { Program } from '../entities/program.entity';

@Injectable()
export class ProgramsStore {
  constructor(@InjectRepository(Program) private readonly programs: Repository<Program>) {}

  async create(input: ProgramCreate): Promise<Program> {
    try {
      return await this.programs.save(this.programs.create(input));
    } catch (err) {
      if (isDuplicateKey(err)) throw programCodeTaken(input.code);
      throw err;
    }
  }

  findByCode(code: string): Promise<Program | null> {
    return this.programs.findOneBy({ code });
  }

  findById(id: number): Promise<Program | null> {
    return this.programs.findOneBy({ id });
  }

  list(): Promise<Program[]> {
    return this.programs.find({ order: { id: 'ASC' } });
  }
}

// Statements for other modules' transactions: `db` is the caller's.

/** Locks the program's row until the caller's transaction ends: one writer of its catalog at a time. */
export async function lockProgram(db: SqlRunner, programId: number): Promise<void> {
  await db.query('SELECT id FROM programs WHERE id = ? FOR UPDATE', [programId]);
}

/** What crediting needs of a program: its code and the terms its events are credited on. */
export interface ProgramTerms {
  code: string;
  gramsPerPoint: number;
  bindingWindowHours: number;
}

export async function programTerms(db: SqlRunner, programId: number): Promise<ProgramTerms> {
  const [p]: { code: string; grams_per_point: number; binding_window_hours: number }[] =
    await db.query(
      'SELECT code, grams_per_point, binding_window_hours FROM programs WHERE id = ?',
      [programId],
    );
  return {
    code: p.code,
    gramsPerPoint: p.grams_per_point,
    bindingWindowHours: p.binding_window_hours,
  };
}

/** The programs grouped by how long an event of theirs may wait for its user's binding (hours). */
export async function programsByBindingWindow(db: SqlRunner): Promise<Map<number, number[]>> {
  const rows: { id: number; binding_window_hours: number }[] = await db.query(
    'SELECT id, binding_window_hours FROM programs ORDER BY id',
  );
  const groups = new Map<number, number[]>();
  for (const r of rows)
    groups.set(r.binding_window_hours, [...(groups.get(r.binding_window_hours) ?? []), r.id]);
  return groups;
}

/** Every program's code by id. */
export async function programCodes(db: SqlRunner): Promise<Map<number, string>> {
  const rows: { id: number; code: string }[] = await db.query(
    'SELECT id, code FROM programs ORDER BY id',
  );
  return new Map(rows.map((r) => [Number(r.id), r.code]));
}

/** The settings of the program's clearing cycles that the admin and the bureau may change. */
export interface ProgramClearingSettings {
  settlementCycle?: 'daily' | 'weekly' | 'monthly';
  cycleCutoffMinutes?: number;
  timeZone?: string;
  merchantFeeBps?: number;
}

export async function updateClearingSettings(
  db: SqlRunner,
  programId: number,
  settings: ProgramClearingSettings,
): Promise<void> {
  const columns: [string, unknown][] = [
    ['settlement_cycle', settings.settlementCycle],
    ['cycle_cutoff_minutes', settings.cycleCutoffMinutes],
    ['time_zone', settings.timeZone],
    ['merchant_fee_bps', settings.merchantFeeBps],
  ];
  const set = columns.filter(([, v]) => v !== undefined);
  if (set.length === 0) return;
  await db.query(`UPDATE programs SET ${set.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`, [
    ...set.map(([, v]) => v),
    programId,
  ]);
}
