import { cellId, cubeLines, type CubeRow, protectCube } from './cohort-cube';

const row = (
  quarter: number | null,
  dim: CubeRow['dim'],
  key: string | null,
  released: number,
  counts: Record<string, number> = {},
): CubeRow => ({
  quarter,
  dim,
  key,
  released,
  ...counts,
});

describe('a release year as linked tables', () => {
  it('names cells by period, dimension and group (a group with nothing recorded is ∅)', () => {
    expect(cellId(null, null, null)).toBe('Y|*');
    expect(cellId(2, 'facility', 'f1')).toBe('Q2|facility|f1');
    expect(cellId(null, 'division', null)).toBe('Y|division|∅');
  });

  it('links each period total to its groups along every dimension, and each yearly cell to its quarters', () => {
    const rows = [
      row(null, null, null, 10),
      row(1, null, null, 4),
      row(2, null, null, 6),
      row(null, 'facility', 'f', 10),
      row(1, 'facility', 'f', 4),
      row(2, 'facility', 'f', 6),
      row(null, 'division', 'd1', 7),
      row(null, 'division', null, 3),
      row(1, 'division', 'd1', 4),
      row(2, 'division', 'd1', 3),
      row(2, 'division', null, 3),
    ];
    expect(cubeLines(rows)).toEqual(
      expect.arrayContaining([
        { parent: 'Y|*', children: ['Q1|*', 'Q2|*'] },
        { parent: 'Y|*', children: ['Y|division|d1', 'Y|division|∅'] },
        { parent: 'Y|*', children: ['Y|facility|f'] },
        { parent: 'Q2|*', children: ['Q2|division|d1', 'Q2|division|∅'] },
        { parent: 'Y|division|∅', children: ['Q2|division|∅'] },
        { parent: 'Y|facility|f', children: ['Q1|facility|f', 'Q2|facility|f'] },
      ]),
    );
    expect(cubeLines(rows)).toHaveLength(10);
  });

  it('withholds a share within another wherever that one is withheld (abstinent within reached)', () => {
    // Q1: 3 reached of 10 (small); Q2: 10 reached of 10, 10 abstinent.
    const rows = [
      row(null, null, null, 20, { eligible: 20, reached: 13, abstinent: 12 }),
      row(1, null, null, 10, { eligible: 10, reached: 3, abstinent: 2 }),
      row(2, null, null, 10, { eligible: 10, reached: 10, abstinent: 10 }),
    ];
    const w = protectCube(
      rows,
      [
        { name: 'reached', n: 'reached', d: 'eligible' },
        { name: 'abstinent', n: 'abstinent', d: 'reached', within: 'reached' },
      ],
      5,
    );
    expect([...w.get('reached')!].sort()).toEqual(['Q1|*', 'Q2|*']);
    expect(w.get('abstinent')!.has('Q1|*')).toBe(true);
    expect(w.get('abstinent')!.has('Q2|*')).toBe(true);
    expect(() => protectCube(rows, [{ name: 'a', n: 'abstinent', d: 'reached', within: 'reached' }], 5)).toThrow(/must come first/);
  });
});
