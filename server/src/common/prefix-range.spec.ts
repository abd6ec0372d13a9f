import { prefixRange } from './prefix-range';

/** Byte order of UTF-8, which is the order of `~<~` (varchar_pattern_ops) in PostgreSQL. */
const bytes = (s: string) => Buffer.from(s, 'utf8');
const inRange = (s: string, { from, to }: { from: string; to: string | null }) =>
  Buffer.compare(bytes(s), bytes(from)) >= 0 && (to === null || Buffer.compare(bytes(s), bytes(to)) < 0);

describe('prefixRange', () => {
  it('bounds a surname and a whole name by the next code point', () => {
    expect(prefixRange('王')).toEqual({ from: '王', to: '玌' });
    expect(prefixRange('王测1')).toEqual({ from: '王测1', to: '王测2' });
  });

  it('holds exactly the strings that start with the prefix, whatever they contain', () => {
    const names = ['王', '王测', '王测1', '王测10', '王测1%', '王测1_x', '王测2', '王测0', '王浩', '李王测1', '王测1😀', '', 'a', 'Z'];
    for (const prefix of ['王', '王测', '王测1', '1%', '_', '😀', 'a']) {
      const range = prefixRange(prefix);
      for (const name of names) expect([prefix, name, inRange(name, range)]).toEqual([prefix, name, name.startsWith(prefix)]);
    }
  });

  it('treats % and _ as themselves (nothing to escape)', () => {
    expect(prefixRange('50%')).toEqual({ from: '50%', to: '50&' });
    expect(prefixRange('a_')).toEqual({ from: 'a_', to: 'a`' });
  });

  it('steps over the surrogates and has no upper bound after the last code point', () => {
    expect(prefixRange('\ud7ff')).toEqual({ from: '\ud7ff', to: '\ue000' });
    expect(prefixRange('x\u{10ffff}')).toEqual({ from: 'x\u{10ffff}', to: null });
    expect(prefixRange('王😀')).toEqual({ from: '王😀', to: '王😁' });
  });
});
