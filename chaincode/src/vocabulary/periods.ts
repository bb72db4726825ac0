/**
 * The pass-year period containing a moment. With the year starting on 1 January the key is the
 * year (`2026`); otherwise the year and month it started (`2025-08` for 15 March 2026 when the pass
 * year starts on 1 August).
 */
export function periodKeyAt(at: string, passYearStart: string): string {
  const startMonth = Number(passYearStart.slice(0, 2));
  const year = Number(at.slice(0, 4));
  const month = Number(at.slice(5, 7));
  const startYear = month >= startMonth ? year : year - 1;
  return startMonth === 1 ? String(startYear) : `${startYear}-${passYearStart.slice(0, 2)}`;
}

/**
 * When a period starts and when the next one does (ISO UTC, the end exclusive), from its key and the pass year's
 * first month.
 */
export function periodBounds(periodKey: string, passYearStart: string): { from: string; until: string } {
  const year = Number(periodKey.slice(0, 4));
  const month = periodKey.length > 4 ? periodKey.slice(5, 7) : passYearStart.slice(0, 2);
  const start = (y: number): string => `${String(y).padStart(4, '0')}-${month}-01T00:00:00.000Z`;
  return { from: start(year), until: start(year + 1) };
}

/** The keys of every period that overlaps `[from, until)`, in order. */
export function periodKeysBetween(from: string, until: string, passYearStart: string): string[] {
  const keys: string[] = [];
  for (let key = periodKeyAt(from, passYearStart); ;) {
    const bounds = periodBounds(key, passYearStart);
    if (bounds.from >= until) {
      return keys;
    }
    keys.push(key);
    key = periodKeyAt(bounds.until, passYearStart);
  }
}
