// A chart's data as CSV (RFC 4180): a header line, then one line per row.

function field(value: unknown): string {
  const text = String(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  return [columns, ...rows.map((r) => columns.map((c) => r[c]))]
    .map((line) => line.map(field).join(','))
    .join('\r\n')
    .concat('\r\n');
}
