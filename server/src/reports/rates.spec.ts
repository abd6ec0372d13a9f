import { percent, rateOf, withheldRate } from './rates';

describe('rateOf', () => {
  it('divides and rounds to four places', () => {
    expect(rateOf(2, 3, 1)).toEqual({ denominator: 3, numerator: 2, rate: 0.6667, suppressed: false });
  });

  it('withholds the count and the rate below the small-cell threshold, keeping the denominator', () => {
    expect(rateOf(3, 4, 5)).toEqual({ denominator: 4, numerator: null, rate: null, suppressed: true });
    expect(rateOf(5, 5, 5)).toEqual({ denominator: 5, numerator: 5, rate: 1, suppressed: false });
  });

  it('withholds a share whose numerator or complement is 1 to k − 1, however many people it is over', () => {
    // 5 of 6 abstinent says the sixth relapsed; 2 of 40 relapsed names two people.
    expect(rateOf(5, 6, 5)).toEqual({ denominator: 6, numerator: null, rate: null, suppressed: true });
    expect(rateOf(2, 40, 5).suppressed).toBe(true);
    expect(rateOf(38, 40, 5).suppressed).toBe(true);
    expect(rateOf(0, 40, 5)).toEqual({ denominator: 40, numerator: 0, rate: 0, suppressed: false });
    expect(rateOf(35, 40, 5)).toEqual({ denominator: 40, numerator: 35, rate: 0.875, suppressed: false });
  });

  it('withholds a share it is told to (complementary suppression), and over a withheld denominator shows nothing', () => {
    expect(rateOf(20, 40, 5, true)).toEqual({ denominator: 40, numerator: null, rate: null, suppressed: true });
    expect(withheldRate()).toEqual({ denominator: null, numerator: null, rate: null, suppressed: true });
  });

  it('has no rate over nobody', () => {
    expect(rateOf(0, 0, 0)).toEqual({ denominator: 0, numerator: 0, rate: null, suppressed: false });
    expect(rateOf(0, 0, 5).suppressed).toBe(true);
  });

  it('prints a percentage or a dash', () => {
    expect(percent(rateOf(5, 40, 5))).toBe('12.5%');
    expect(percent(rateOf(1, 2, 5))).toBe('—');
  });
});
