import { quietUntil } from './quiet-hours';

/** China time is UTC+8: 21:00 CST = 13:00 UTC, 08:00 CST = 00:00 UTC. */
describe('quiet hours (21:00–08:00 China time)', () => {
  it('lets daytime through', () => {
    expect(quietUntil(new Date('2026-12-05T00:00:00Z'))).toBeNull(); // 08:00
    expect(quietUntil(new Date('2026-12-05T12:59:59Z'))).toBeNull(); // 20:59:59
  });

  it('defers an evening message to 08:00 the next day', () => {
    expect(quietUntil(new Date('2026-12-05T13:00:00Z'))?.toISOString()).toBe('2026-12-06T00:00:00.000Z'); // 21:00
    expect(quietUntil(new Date('2026-12-05T15:59:00Z'))?.toISOString()).toBe('2026-12-06T00:00:00.000Z'); // 23:59
  });

  it('defers an early-morning message to 08:00 the same day', () => {
    expect(quietUntil(new Date('2026-12-05T16:00:00Z'))?.toISOString()).toBe('2026-12-06T00:00:00.000Z'); // 00:00 on the 6th
    expect(quietUntil(new Date('2026-12-05T23:59:59Z'))?.toISOString()).toBe('2026-12-06T00:00:00.000Z'); // 07:59:59
  });

  it('crosses month and year ends', () => {
    expect(quietUntil(new Date('2026-12-31T14:00:00Z'))?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
