import type { SqlRunner } from '../../database/sql';
import { cancellationReport, instructionsCsv } from '../files/hub-files';
import { codeOf, type CycleFacts, PLATFORM } from '../files/cycle-facts';
import { reconciliationFile } from '../files/reconciliation-file';
import { statementCamt053, statementCsv, statementJson, statementOf } from '../files/statement';
import { type ClearingEntryRow, merchantEntries } from './clearing-entries-store';
import type { NewCycleFile } from './files-store';

const PAGE = 10_000;

/**
 * Every file of a cycle, one at a time (a merchant's lines are read when its file is made, so a
 * cycle of a million lines never sits in memory whole): each merchant's reconciliation file, each
 * participant's statement in JSON, CSV and camt.053, the hub's instructions, and each issuer's
 * 注销 report. `leaves` names the audit leaf of each pair's cancellation (`merchant|issuer`).
 */
export async function* cycleFiles(
  db: SqlRunner,
  programId: number,
  facts: CycleFacts,
  leaves: ReadonlyMap<string, number>,
): AsyncGenerator<NewCycleFile> {
  const base = `${facts.program}-cycle-${facts.seq}`;
  const merchants = [...new Set(facts.obligations.map((o) => o.merchantId))];
  for (const merchantId of merchants) {
    const entries: ClearingEntryRow[] = [];
    for (let after = 0; ;) {
      const page = await merchantEntries(db, programId, facts.seq, merchantId, after, PAGE);
      entries.push(...page);
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    yield {
      participantId: merchantId,
      kind: 'reconciliation',
      format: 'csv',
      name: `${base}-${codeOf(facts, merchantId)}-reconciliation.csv`,
      content: reconciliationFile(facts, merchantId, entries),
    };
  }
  for (const p of facts.positions) {
    const statement = statementOf(facts, p.participantId);
    const name = `${base}-${codeOf(facts, p.participantId)}-statement`;
    const of = (format: NewCycleFile['format'], content: string): NewCycleFile => ({
      participantId: p.participantId,
      kind: 'statement',
      format,
      name: `${name}.${format === 'xml' ? 'camt053.xml' : format}`,
      content,
    });
    yield of('json', statementJson(facts, statement));
    yield of('csv', statementCsv(facts, statement));
    yield of('xml', statementCamt053(facts, statement));
  }
  yield {
    participantId: PLATFORM,
    kind: 'instructions',
    format: 'csv',
    name: `${base}-instructions.csv`,
    content: instructionsCsv(facts),
  };
  for (const issuerId of [...new Set(facts.obligations.map((o) => o.issuerId))]) {
    const ofIssuer = new Map(
      facts.obligations
        .filter((o) => o.issuerId === issuerId)
        .map((o) => [o.merchantId, leaves.get(`${o.merchantId}|${issuerId}`)!] as const),
    );
    yield {
      participantId: issuerId,
      kind: 'cancellation_report',
      format: 'json',
      name: `${base}-${codeOf(facts, issuerId)}-cancellation.json`,
      content: cancellationReport(facts, issuerId, ofIssuer),
    };
  }
}
