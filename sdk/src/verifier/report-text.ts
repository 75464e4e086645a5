// What tanlian-verify prints: one PASS or FAIL line an auditor can quote, and progress lines.
import type { AuditProgress, AuditVerification } from './verify-audit-log';

export function verdictLine(result: AuditVerification): string {
  const residents =
    result.mode === 'viewing'
      ? `, ${result.residentsChecked} residents and ${result.residentEntriesChecked} resident entries`
      : '';
  const counts =
    `${result.leavesChecked} leaves, ${result.checkpointsChecked} checkpoints, ` +
    `${result.accountsChecked} accounts${residents} checked`;
  const mode = result.mode === 'viewing' ? ', every resident replayed with the viewing key' : '';
  const d = result.discrepancy;
  if (d === null) {
    return `PASS ${result.program}: the audit log verifies up to tree size ${result.treeSize}${mode} (${counts})`;
  }
  const where = [
    d.leafIndex !== null ? `leaf ${d.leafIndex}` : null,
    d.account !== null ? `account ${d.account}` : null,
  ].filter((w) => w !== null);
  return (
    `FAIL ${result.program}: ${d.check} check failed` +
    `${where.length > 0 ? ` at ${where.join(', ')}` : ''}: ${d.message} (${counts})`
  );
}

export function progressLine(p: AuditProgress): string {
  if (p.phase === 'residents') return `${p.residentsChecked} residents' keys opened`;
  if (p.phase === 'balances') {
    return `comparing balances at tree size ${p.treeSize}: ${p.accountsChecked} accounts checked`;
  }
  return `${p.leavesChecked} leaves checked, ${p.checkpointsChecked} checkpoints (reading up to tree size ${p.treeSize})`;
}
