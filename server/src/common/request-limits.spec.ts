import { findNul, scanJson, urlNulProblem } from './request-limits';

describe('JSON scan', () => {
  it('passes ordinary JSON', () => {
    expect(scanJson('{"a":[1,{"b":"x{[\\"]}"}],"c":null}')).toEqual({ problem: null, nulEscape: false });
  });

  it('counts depth across objects and arrays, not brackets inside strings', () => {
    expect(scanJson('['.repeat(32) + ']'.repeat(32)).problem).toBeNull();
    expect(scanJson('['.repeat(33) + ']'.repeat(33)).problem).toEqual({ kind: 'too-deep', position: 32 });
    expect(scanJson(`{"a":"${'['.repeat(100)}"}`).problem).toBeNull();
    expect(scanJson('{"a":'.repeat(40) + '1' + '}'.repeat(40)).problem?.kind).toBe('too-deep');
  });

  it('stops at the first level too deep (a megabyte of brackets is one short scan)', () => {
    expect(scanJson('['.repeat(1_000_000)).problem).toEqual({ kind: 'too-deep', position: 32 });
  });

  it('finds NUL: a literal character, or an escape in a string', () => {
    expect(scanJson('{"a":"x\u0000"}').problem).toEqual({ kind: 'nul-literal', position: 7 });
    expect(scanJson('{"a":"x\\u0000"}')).toEqual({ problem: null, nulEscape: true });
    // An escaped backslash followed by the text u0000 is not a NUL.
    expect(scanJson('{"a":"x\\\\u0000"}').nulEscape).toBe(false);
  });

  it('names the field holding a NUL', () => {
    expect(findNul({ a: 'ok', contact: { name: 'x\0' } })).toBe('contact.name');
    expect(findNul({ items: ['a', 'b\0'] })).toBe('items[1]');
    expect(findNul({ ['k\0']: 1 })).toBe('k\\u0000');
    expect(findNul({ a: 'x\\u0000' })).toBeNull();
    expect(findNul('\0')).toBe('(body)');
  });
});

describe('URL NUL check', () => {
  it('passes ordinary URLs, names the parameter or the path otherwise', () => {
    expect(urlNulProblem('/api/trainees?q=%E5%BC%A0&page=2')).toBeNull();
    expect(urlNulProblem('/api/trainees?q=a%2500')).toBeNull();
    expect(urlNulProblem('/api/trainees?page=1&q=a%00b')?.messageEn).toMatch(/^Query parameter q contains a NUL/);
    expect(urlNulProblem('/api/trainees/%00')?.messageEn).toMatch(/^The address contains a NUL/);
  });
});
