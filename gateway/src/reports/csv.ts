/** What a CSV cell may hold: a scalar, nothing (an empty cell), or a list (its items space-separated). */
export type CsvValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

function textOf(value: unknown): string {
  if (Array.isArray(value)) {
    return value.map(textOf).join(' ');
  }
  if (typeof value === 'string') {
    // A leading = + - @ would make a spreadsheet read the cell as a formula.
    return /^[=+\-@]/.test(value) ? `'${value}` : value;
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180); a leading =+-@ is neutralised. */
function field(value: unknown): string {
  const text = textOf(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as CSV with a header line, CRLF line ends as RFC 4180 has them. The one CSV writer of the project: the
 * reports and `verify` both write with it.
 */
export function toCsv<R extends object>(columns: readonly (keyof R & string)[], rows: readonly R[]): string {
  const lines = [
    columns.join(','),
    ...rows.map((row) => columns.map((c) => field((row as Record<string, unknown>)[c])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
