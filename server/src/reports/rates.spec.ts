import { percent, rateOf } from './rates';

describe('rateOf', () => {
  it('divides and rounds to four places', () => {
    expect(rateOf(2, 3, 1)).toEqual({ denominator: 3, numerator: 2, rate: 0.6667, suppressed: false });
  });

  it('withholds the count and the rate below the small-cell threshold, keeping the denominator', () => {
    expect(rateOf(3, 4, 5)).toEqual({ denominator: 4, numerator: null, rate: null, suppressed: true });
    expect(rateOf(5, 5, 5)).toEqual({ denominator: 5, numerator: 5, rate: 1, suppressed: false });
  });

  it('has no rate over nobody', () => {
    expect(rateOf(0, 0, 0)).toEqual({ denominator: 0, numerator: 0, rate: null, suppressed: false });
    expect(rateOf(0, 0, 5).suppressed).toBe(true);
  });

  it('prints a percentage or a dash', () => {
    expect(percent(rateOf(1, 8, 5))).toBe('12.5%');
    expect(percent(rateOf(1, 2, 5))).toBe('—');
  });
});
