/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180); a leading =+-@ is neutralised. */
function field(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV with a header line, CRLF line ends as RFC 4180 has them. */
export function toCsv<R extends { readonly [K in keyof R]: string | number }>(
  columns: readonly (keyof R & string)[],
  rows: readonly R[],
): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => field(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
