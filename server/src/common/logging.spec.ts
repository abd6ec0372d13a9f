import { scrubIdentityNumbers } from './logging';

describe('log scrubbing', () => {
  it('masks identity-number-shaped sequences wherever they appear', () => {
    expect(scrubIdentityNumbers('/api/trainees?q=11010519491231002X&x=1')).toBe('/api/trainees?q=**************002X&x=1');
    expect(scrubIdentityNumbers('id 460100198506123456 and 46010019850612345x')).not.toMatch(/\d{17}[\dXx]/);
  });

  it('leaves other numbers alone', () => {
    expect(scrubIdentityNumbers('order 12345, phone 13898761000, uuid 1795879642675')).toBe(
      'order 12345, phone 13898761000, uuid 1795879642675',
    );
  });
});
