import { cellId, cubeLines, type CubeRow, protectCube, settlesOn } from './cohort-cube';

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
    const settled = { year: 2020, asOf: '2025-01-01' };
    const w = protectCube(
      rows,
      [
        { name: 'reached', n: 'reached', d: 'eligible', months: 12 },
        { name: 'abstinent', n: 'abstinent', d: 'reached', within: 'reached', months: 12 },
      ],
      5,
      settled,
    );
    expect([...w.get('reached')!].sort()).toEqual(['Q1|*', 'Q2|*']);
    expect(w.get('abstinent')!.has('Q1|*')).toBe(true);
    expect(w.get('abstinent')!.has('Q2|*')).toBe(true);
    expect(() => protectCube(rows, [{ name: 'a', n: 'abstinent', d: 'reached', within: 'reached', months: 12 }], 5, settled)).toThrow(
      /must come first/,
    );
  });

  it('publishes a share for a cohort only once everyone in it has reached the age and their records have come in', () => {
    // The year 2024 at one year: the last release (31 Dec 2024) is a year out on 31 Dec 2025; three months to record.
    expect(settlesOn(2024, null, 12)).toBe('2026-03-31');
    expect(settlesOn(2024, 1, 12)).toBe('2025-06-30');
    expect(settlesOn(2024, 4, 0)).toBe('2025-03-31');
    expect(settlesOn(2024, 2, 1)).toBe('2024-10-31');
    const rows = [
      row(null, null, null, 20, { eligible: 20, reached: 20 }),
      row(1, null, null, 10, { eligible: 10, reached: 10 }),
      row(2, null, null, 10, { eligible: 10, reached: 10 }),
    ];
    const measure = [{ name: 'reached', n: 'reached', d: 'eligible', months: 12 }];
    // On 1 July 2025 the first quarter has settled; the second quarter and the year have not.
    const w = protectCube(rows, measure, 5, { year: 2024, asOf: '2025-07-01' }).get('reached')!;
    expect([...w].sort()).toEqual(['Q2|*', 'Y|*']);
    expect(protectCube(rows, measure, 5, { year: 2024, asOf: '2026-03-31' }).get('reached')!.size).toBe(0);
  });
});
