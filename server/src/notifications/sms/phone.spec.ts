import { e164, isOptOutReply, normalisePhone } from './phone';

describe('phone numbers and stop words', () => {
  it('normalises mainland mobiles written any usual way', () => {
    for (const raw of ['13800138000', '+8613800138000', '8613800138000', '008613800138000', '138-0013-8000', ' 138 0013 8000 '])
      expect(normalisePhone(raw)).toBe('13800138000');
    expect(e164('13800138000')).toBe('+8613800138000');
  });

  it('refuses landlines, other countries and junk', () => {
    for (const raw of ['02088889999', '12345', '', null, undefined, 'abc13800138000', '23800138000'])
      expect(normalisePhone(raw)).toBeNull();
    expect(normalisePhone('13800138000', '1')).toBeNull();
  });

  it('knows the stop replies, trimmed and in any case', () => {
    for (const t of ['TD', 'td', ' T ', 'n', '退订', 'Td\n']) expect(isOptOutReply(t)).toBe(true);
    for (const t of ['好的', 'TDD', 'stop please', '', 3, null]) expect(isOptOutReply(t)).toBe(false);
  });
});
