/** China's offset from UTC: 8 hours all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The calendar date in China (Asia/Shanghai) as `YYYY-MM-DD`: what "today" means to a station and
 * to the server. `toISOString().slice(0, 10)` is the UTC date, a day behind before 08:00 in China.
 * Plain arithmetic, not `Intl` with a time zone: lists call this for every row, and `formatToParts`
 * cost tens of milliseconds per page on a slow phone. Exact for any date since 1991.
 */
export function chinaDate(at: Date = new Date()): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
