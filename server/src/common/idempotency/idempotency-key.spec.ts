import { IDEMPOTENCY_KEY_PATTERN, IdempotencyHasher, canonicalJson } from './idempotency-key';

describe('idempotency keys', () => {
  const hasher = new IdempotencyHasher(Buffer.alloc(32, 7));

  it('accepts 8–128 characters of letters, digits and . _ : - only', () => {
    for (const ok of ['abcdefgh', 'A1.b_c:d-e', 'x'.repeat(128), '0f3c2a9e-4b1d-4c7e-9a8b-1234567890ab'])
      expect(IDEMPOTENCY_KEY_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', 'short', 'x'.repeat(129), 'has space1', 'slash/slash', '键值键值键值键值'])
      expect(IDEMPOTENCY_KEY_PATTERN.test(bad)).toBe(false);
  });

  it('canonical JSON sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(canonicalJson({ a: 1, skip: undefined })).toBe('{"a":1}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('hashes method, concrete URL and body; keyed, so equal inputs under another key differ', () => {
    const h = hasher.requestHash('POST', '/api/orders', { a: 1, b: 2 });
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hasher.requestHash('POST', '/api/orders', { b: 2, a: 1 })).toBe(h);
    expect(hasher.requestHash('POST', '/api/orders', { a: 1, b: 3 })).not.toBe(h);
    expect(hasher.requestHash('PUT', '/api/orders', { a: 1, b: 2 })).not.toBe(h);
    expect(hasher.requestHash('POST', '/api/orders/2', { a: 1, b: 2 })).not.toBe(h);
    expect(new IdempotencyHasher(Buffer.alloc(32, 8)).requestHash('POST', '/api/orders', { a: 1, b: 2 })).not.toBe(h);
  });

  it('names an anonymous caller without the address', () => {
    const caller = hasher.anonymousCaller('203.0.113.7');
    expect(caller).toMatch(/^anon:[0-9a-f]{40}$/);
    expect(caller).not.toContain('203.0.113.7');
    expect(hasher.anonymousCaller('203.0.113.8')).not.toBe(caller);
  });
});
