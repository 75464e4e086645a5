import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ClearingSettingsUpdate,
  ClearingSettingsView,
  CycleDetailView,
  CyclesPage,
  CycleView,
} from '@tanlian/sdk';
import type { DataSource } from 'typeorm';
import type { SqlRunner } from '../../database/sql';
import type { Program } from '../../tenancy/entities/program.entity';
import { participantCodes } from '../../tenancy/services/participants-store';
import { updateClearingSettings } from '../../tenancy/services/programs-store';
import { isTimeZone, nextCutoff } from '../calendar/cycle-calendar';
import { cycleFileNotFound, cycleNotFound, unknownTimeZone } from '../clearing-errors';
import { PLATFORM, PLATFORM_CODE } from '../files/cycle-facts';
import { cycleView, fileView, positionView } from '../views';
import { calendarOf } from './cycle-calendar-of';
import {
  cycleBySeq,
  type CycleRow,
  cyclesOf,
  participantCyclesOf,
  openCycleSeq,
  rescheduleOpenCycle,
} from './cycles-store';
import { fileContent, filesOf } from './files-store';
import { positionsOf } from './obligations-store';

/** Whose positions and files a caller sees: all (admin, bureau) or one participant's. */
export type CycleViewer = { all: true } | { all: false; participantId: number };

/** The clearing module's reads and settings, for its controllers. */
@Injectable()
export class ClearingCycles {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async settings(program: Program): Promise<ClearingSettingsView> {
    const seq = await openCycleSeq(this.db, program.id, 'share');
    const open = seq === null ? null : await cycleBySeq(this.db, program.id, seq);
    const m = program.cycleCutoffMinutes;
    return {
      settlementCycle: program.settlementCycle,
      cutoffLocalTime: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
      timeZone: program.timeZone,
      merchantFeeBps: program.merchantFeeBps,
      fenPerPoint: program.fenPerPoint,
      openCycle: open && { sequence: open.seq, closesAt: open.closesAt.toISOString() },
    };
  }

  /**
   * Changes the settings; the OPEN cycle's cut-off moves to the first one after now under them
   * (read under the open-cycle lock, as a close takes it). What a cycle is cleared with (rate,
   * fee) is fixed when it closes.
   */
  async updateSettings(program: Program, update: ClearingSettingsUpdate): Promise<Program> {
    if (update.timeZone !== undefined && !isTimeZone(update.timeZone))
      throw unknownTimeZone(update.timeZone);
    const minutes =
      update.cutoffLocalTime === undefined
        ? undefined
        : Number(update.cutoffLocalTime.slice(0, 2)) * 60 + Number(update.cutoffLocalTime.slice(3));
    const changed: Program = Object.assign(Object.create(Object.getPrototypeOf(program)), program, {
      ...(update.settlementCycle && { settlementCycle: update.settlementCycle }),
      ...(minutes !== undefined && { cycleCutoffMinutes: minutes }),
      ...(update.timeZone && { timeZone: update.timeZone }),
      ...(update.merchantFeeBps !== undefined && { merchantFeeBps: update.merchantFeeBps }),
    });
    await this.db.transaction(async (db) => {
      const seq = await openCycleSeq(db, program.id, 'update');
      await updateClearingSettings(db, program.id, {
        settlementCycle: update.settlementCycle,
        cycleCutoffMinutes: minutes,
        timeZone: update.timeZone,
        merchantFeeBps: update.merchantFeeBps,
      });
      if (seq !== null)
        await rescheduleOpenCycle(
          db,
          program.id,
          seq,
          new Date(nextCutoff(calendarOf(changed), Date.now())),
        );
    });
    return changed;
  }

  /** The program's cycles, or with `participantId` only those the participant is cleared in. */
  async list(
    program: Program,
    before: number | null,
    limit: number,
    participantId?: number,
  ): Promise<CyclesPage> {
    const rows =
      participantId === undefined
        ? await cyclesOf(this.db, program.id, before, limit + 1)
        : await participantCyclesOf(this.db, program.id, participantId, before, limit + 1);
    const page = rows.slice(0, limit);
    return {
      cycles: page.map(cycleView),
      next: rows.length > limit ? String(page[page.length - 1].seq) : null,
    };
  }

  async view(program: Program, seq: number): Promise<CycleView> {
    return cycleView(await this.cycle(program, seq));
  }

  /** In `db` (the caller's transaction) when given. */
  async detail(
    program: Program,
    seq: number,
    viewer: CycleViewer,
    db: SqlRunner = this.db,
  ): Promise<CycleDetailView> {
    const cycle = await this.cycle(program, seq, db);
    const positions = (await positionsOf(db, cycle.id)).filter(
      (p) => viewer.all || p.participantId === viewer.participantId,
    );
    const files = await filesOf(db, cycle.id, viewer.all ? null : [viewer.participantId]);
    const codes = await participantCodes(db, [
      ...new Set([...positions.map((p) => p.participantId), ...files.map((f) => f.participantId)]),
    ]);
    const codeOf = (id: number) =>
      id === PLATFORM ? PLATFORM_CODE : (codes.get(id) ?? String(id));
    return {
      ...cycleView(cycle),
      positions: positions.map((p) => positionView(p, codeOf(p.participantId))),
      files: files.map((f) =>
        fileView(f, f.participantId === PLATFORM ? null : codeOf(f.participantId)),
      ),
    };
  }

  /** A file's bytes, when the viewer may download it; another's answers as a missing one. */
  async file(program: Program, seq: number, fileId: string, viewer: CycleViewer) {
    const cycle = await this.cycle(program, seq);
    const id = /^\d{1,18}$/.test(fileId) ? Number(fileId) : null;
    const file = id === null ? null : await fileContent(this.db, cycle.id, id);
    if (!file || (!viewer.all && file.participantId !== viewer.participantId))
      throw cycleFileNotFound();
    return file;
  }

  private async cycle(program: Program, seq: number, db: SqlRunner = this.db): Promise<CycleRow> {
    const cycle = Number.isSafeInteger(seq) ? await cycleBySeq(db, program.id, seq) : null;
    if (!cycle) throw cycleNotFound(String(seq));
    return cycle;
  }
}
