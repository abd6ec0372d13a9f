const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar date in China (Asia/Shanghai) as `YYYY-MM-DD`: what "today" means to a station and
 * to the server. `toISOString().slice(0, 10)` is the UTC date, a day behind before 08:00 in China.
 */
export function chinaDate(at: Date = new Date()): string {
  const part = (type: Intl.DateTimeFormatPartTypes) => CHINA_DAY.formatToParts(at).find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
