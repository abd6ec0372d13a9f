import { chinaDate } from './china-date';

describe('chinaDate', () => {
  it('is the date in China, not in UTC: 07:00 in Haikou is already today', () => {
    // 07:00 on 10 March in China is 23:00 on 9 March in UTC.
    expect(new Date('2026-03-09T23:00:00Z').toISOString().slice(0, 10)).toBe('2026-03-09');
    expect(chinaDate(new Date('2026-03-09T23:00:00Z'))).toBe('2026-03-10');
  });

  it('turns over at midnight China time (16:00 UTC)', () => {
    expect(chinaDate(new Date('2026-03-10T15:59:59Z'))).toBe('2026-03-10');
    expect(chinaDate(new Date('2026-03-10T16:00:00Z'))).toBe('2026-03-11');
  });

  it('crosses months and years', () => {
    expect(chinaDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(chinaDate(new Date('2028-02-28T20:00:00Z'))).toBe('2028-02-29');
  });

  it('defaults to now', () => {
    expect(chinaDate()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
