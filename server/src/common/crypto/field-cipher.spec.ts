import { randomBytes } from 'node:crypto';
import { FieldCipher } from './field-cipher';

describe('FieldCipher', () => {
  const cipher = new FieldCipher(randomBytes(32));

  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('11010519491231002X');
    const b = cipher.encrypt('11010519491231002X');
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('11010519491231002X');
    expect(cipher.decrypt(a)).toBe('11010519491231002X');
  });

  it('refuses a tampered ciphertext', () => {
    const blob = cipher.encrypt('secret');
    blob.writeUInt8(blob.readUInt8(blob.length - 1) ^ 1, blob.length - 1);
    expect(() => cipher.decrypt(blob)).toThrow();
  });

  it('hashes case- and space-insensitively, and differently under another key', () => {
    expect(cipher.lookupHash(' 11010519491231002x')).toBe(cipher.lookupHash('11010519491231002X'));
    expect(new FieldCipher(randomBytes(32)).lookupHash('11010519491231002X')).not.toBe(cipher.lookupHash('11010519491231002X'));
  });
});
