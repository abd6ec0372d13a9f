import { DomainError } from '../domain-error';
import { decodeCursor, encodeCursor, pageOf } from './page.dto';

describe('keyset cursors', () => {
  it('round-trips the last row’s sort value and id', () => {
    const token = encodeCursor(['2027-03-01', 'f4b1c2d0-0000-4000-8000-000000000001']);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(token, ['string', 'string'])).toEqual(['2027-03-01', 'f4b1c2d0-0000-4000-8000-000000000001']);
  });

  it('allows null only where the shape says so', () => {
    const token = encodeCursor([null, 'x']);
    expect(decodeCursor(token, ['string?', 'string'])).toEqual([null, 'x']);
    expect(() => decodeCursor(token, ['string', 'string'])).toThrow(DomainError);
  });

  it.each([
    ['not base64 JSON', 'bm90IGpzb24'],
    ['an object', Buffer.from('{"a":1}').toString('base64url')],
    ['the wrong arity', encodeCursor(['a'])],
    ['the wrong type', encodeCursor([1, 'a'])],
    ['an overlong value', encodeCursor(['x'.repeat(101), 'a'])],
  ])('refuses %s with PAGE_CURSOR_INVALID', (_what, token) => {
    try {
      decodeCursor(token, ['string', 'string']);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).getStatus()).toBe(400);
      expect(JSON.stringify((e as DomainError).getResponse())).toContain('PAGE_CURSOR_INVALID');
    }
  });

  it('pageOf carries the keyset fields only when given', () => {
    const q = { page: 2, pageSize: 20 };
    expect(pageOf([], 0, q)).toEqual({ items: [], total: 0, page: 2, pageSize: 20 });
    expect(pageOf([], 10_000, q, { nextCursor: null, totalCapped: true })).toEqual({
      items: [],
      total: 10_000,
      page: 2,
      pageSize: 20,
      nextCursor: null,
      totalCapped: true,
    });
  });
});
