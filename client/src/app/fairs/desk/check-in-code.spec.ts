import { checkInCodeFromQr, isCheckInCode, normaliseCheckInCode } from './check-in-code';

describe('check-in code', () => {
  it('is 8 characters of 2–9 and A–Z without I, L and O', () => {
    expect(isCheckInCode('DEMQA2K7')).toBe(true);
    expect(isCheckInCode('ZZZZZZZZ')).toBe(true);
    for (const bad of ['DEMQA2K', 'DEMQA2K70', 'DEMQA0K7', 'DEMQA1K7', 'DEMQI2K7', 'DEMQL2K7', 'DEMQO2K7', 'demqa2k7']) {
      expect(isCheckInCode(bad)).toBe(false);
    }
  });

  it('is typed in any case, with the space or dash of the printed slip', () => {
    expect(normaliseCheckInCode(' demq a2k7 ')).toBe('DEMQA2K7');
    expect(normaliseCheckInCode('DEMQ-A2K7')).toBe('DEMQA2K7');
  });

  it('is read from a QR code holding the bare code or a link ending in it, and nothing else', () => {
    expect(checkInCodeFromQr('DEMQA2K7')).toBe('DEMQA2K7');
    expect(checkInCodeFromQr('https://example.org/fairs/checkin/DEMQA2K7')).toBe('DEMQA2K7');
    expect(checkInCodeFromQr('https://example.com/not-a-code')).toBeNull();
    expect(checkInCodeFromQr('XDEMQA2K7')).toBeNull();
    expect(checkInCodeFromQr('')).toBeNull();
  });
});
