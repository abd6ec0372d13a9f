import { pageTotal } from './page-total';

describe('pageTotal', () => {
  it('shows an exact total as the number', () => {
    expect(pageTotal({ total: 0 })).toBe('0');
    expect(pageTotal({ total: 37, totalCapped: false })).toBe('37');
    expect(pageTotal({ total: 1234 })).toBe('1,234');
  });

  it('shows a capped total as "10,000+"', () => {
    expect(pageTotal({ total: 10_000, totalCapped: true })).toBe('10,000+');
  });

  it('shows 0 before anything is loaded', () => {
    expect(pageTotal(null)).toBe('0');
  });
});
