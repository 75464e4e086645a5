import type { Program } from '../../tenancy/entities/program.entity';
import type { CycleCalendar } from '../calendar/cycle-calendar';

/** The program's clearing calendar, from its settings. */
export const calendarOf = (p: Program): CycleCalendar => ({
  settlementCycle: p.settlementCycle,
  timeZone: p.timeZone,
  cutoffMinutes: p.cycleCutoffMinutes,
});
