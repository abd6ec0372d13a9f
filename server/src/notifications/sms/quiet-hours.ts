/**
 * No reminder buzzes a phone between 21:00 and 08:00 China time: a message at night is noticed by
 * whoever shares the room, and it is not urgent. China has no daylight saving, so Asia/Shanghai is UTC+8 all year.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;

/** Null when `now` is outside quiet hours; else the instant quiet hours end (08:00 China time). */
export function quietUntil(now: Date): Date | null {
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  const hour = china.getUTCHours();
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return null;
  const day = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() + (hour >= QUIET_FROM_HOUR ? 1 : 0));
  // 08:00 in China is 00:00 UTC of the same calendar day.
  return new Date(day + QUIET_UNTIL_HOUR * 3_600_000 - CHINA_OFFSET_MS);
}
