import { isSafeSplit, isSmallCell } from './rates';
import { type CellCount, exactlyRecoverable, type Line, suppress, type SuppressionProblem } from './suppression';

const cells = (entries: Record<string, [n: number, d: number]>) =>
  new Map<string, CellCount>(Object.entries(entries).map(([id, [n, d]]) => [id, { n, d }]));

/** A two-way table (rows × columns) with its row, column and grand totals, as cells and lines. */
function twoWay(values: number[][][], k = 5): SuppressionProblem {
  const map = new Map<string, CellCount>();
  const lines: Line[] = [];
  const R = values.length;
  const C = values[0]!.length;
  const add = (id: string, n: number, d: number) => map.set(id, { n, d });
  let tn = 0;
  let td = 0;
  for (let r = 0; r < R; r++) {
    let rn = 0;
    let rd = 0;
    for (let c = 0; c < C; c++) {
      const [n, d] = values[r]![c]! as [number, number];
      add(`r${r}c${c}`, n, d);
      rn += n;
      rd += d;
    }
    add(`r${r}`, rn, rd);
    lines.push({ parent: `r${r}`, children: Array.from({ length: C }, (_, c) => `r${r}c${c}`) });
    tn += rn;
    td += rd;
  }
  for (let c = 0; c < C; c++) {
    let cn = 0;
    let cd = 0;
    for (let r = 0; r < R; r++) {
      cn += values[r]![c]![0]!;
      cd += values[r]![c]![1]!;
    }
    add(`c${c}`, cn, cd);
    lines.push({ parent: `c${c}`, children: Array.from({ length: R }, (_, r) => `r${r}c${c}`) });
  }
  add('t', tn, td);
  lines.push({ parent: 't', children: Array.from({ length: R }, (_, r) => `r${r}`) });
  lines.push({ parent: 't', children: Array.from({ length: C }, (_, c) => `c${c}`) });
  return { k, cells: map, lines };
}

/** Everything a reader could check with the published numbers: each rule of suppression.ts. */
function violations(p: SuppressionProblem, withheld: Set<string>): string[] {
  const out: string[] = [];
  const forced = new Set(p.forced ?? []);
  const c = (id: string) => p.cells.get(id)!;
  const unknown = (id: string) => withheld.has(id) && (forced.has(id) || c(id).d > 0);
  for (const [id, { n, d }] of p.cells) {
    if (!withheld.has(id) && (isSmallCell(n, d, p.k) || forced.has(id))) out.push(`${id} shown but small`);
  }
  const parents = new Map<string, string[]>();
  for (const l of p.lines) {
    const children = l.children.filter((x) => p.cells.has(x));
    const u = [l.parent, ...children].filter(unknown);
    if (u.length === 1) out.push(`line ${l.parent}: only ${u[0]} unknown`);
    if (!unknown(l.parent)) {
      const hidden = children.filter(unknown);
      const n = hidden.reduce((s, x) => s + c(x).n, 0);
      const d = hidden.reduce((s, x) => s + c(x).d, 0);
      if (!isSafeSplit(n, d - n, p.k)) out.push(`line ${l.parent}: withheld children add up to ${n}/${d}`);
    }
    for (const x of children) parents.set(x, [...(parents.get(x) ?? []), l.parent]);
  }
  const ancestors = (id: string): string[] => (parents.get(id) ?? []).flatMap((a) => [a, ...ancestors(a)]);
  for (const id of p.cells.keys()) {
    if (withheld.has(id)) continue;
    for (const a of ancestors(id)) {
      if (withheld.has(a)) continue;
      const n = c(a).n - c(id).n;
      if (!isSafeSplit(n, c(a).d - c(id).d - n, p.k)) out.push(`${a} − ${id} = ${n}/${c(a).d - c(id).d}`);
    }
  }
  for (const id of exactlyRecoverable(p, withheld)) out.push(`${id} recoverable`);
  return out;
}

/** Small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the small-cell rule', () => {
  it('a split is safe when each side is nobody or at least k', () => {
    expect(isSafeSplit(0, 12, 5)).toBe(true);
    expect(isSafeSplit(5, 7, 5)).toBe(true);
    expect(isSafeSplit(4, 20, 5)).toBe(false);
    expect(isSafeSplit(20, 1, 5)).toBe(false);
  });

  it('a cell is small below k people, or when its numerator or complement is 1..k−1', () => {
    expect(isSmallCell(5, 5, 5)).toBe(false);
    expect(isSmallCell(5, 6, 5)).toBe(true); // the attack: 5/5 then 5/6 names the one who relapsed
    expect(isSmallCell(0, 4, 5)).toBe(true);
    expect(isSmallCell(0, 9, 5)).toBe(false);
    expect(isSmallCell(2, 40, 5)).toBe(true);
  });
});

describe('suppress', () => {
  it('withholds the small cell and the next-smallest row, so the total cannot be subtracted', () => {
    const p: SuppressionProblem = {
      k: 5,
      cells: cells({ total: [30, 60], a: [2, 10], b: [10, 20], c: [18, 30] }),
      lines: [{ parent: 'total', children: ['a', 'b', 'c'] }],
    };
    expect([...suppress(p)].sort()).toEqual(['a', 'b']);
    expect(violations(p, suppress(p))).toEqual([]);
  });

  it('adds rows until what the withheld rows add up to is itself safe', () => {
    // a and b are both small, and together still 2 + 1 = 3: a third row has to go with them.
    const p: SuppressionProblem = {
      k: 5,
      cells: cells({ total: [33, 80], a: [2, 10], b: [1, 10], c: [10, 20], d: [20, 40] }),
      lines: [{ parent: 'total', children: ['a', 'b', 'c', 'd'] }],
    };
    const w = suppress(p);
    expect(w.has('a') && w.has('b') && w.has('c')).toBe(true);
    expect(w.has('total')).toBe(false);
    expect(violations(p, w)).toEqual([]);
  });

  it('with two rows, the other row goes too (the total minus it would be the small one)', () => {
    // b is 5 of 6 (one without the outcome); a is 0 of 5 and safe on its own, but total − a = b.
    const q: SuppressionProblem = {
      k: 5,
      cells: cells({ total: [5, 11], a: [0, 5], b: [5, 6] }),
      lines: [{ parent: 'total', children: ['a', 'b'] }],
    };
    const w = suppress(q);
    expect([...w].sort()).toEqual(['a', 'b']);
    expect(violations(q, w)).toEqual([]);
  });

  it('a withheld total whose rows are all shown gets a row withheld with it', () => {
    // Forced total (its denominator is withheld elsewhere): the rows would add up to it.
    const q: SuppressionProblem = {
      k: 5,
      cells: cells({ total: [20, 30], a: [10, 15], b: [10, 15] }),
      lines: [{ parent: 'total', children: ['a', 'b'] }],
      forced: ['total'],
    };
    const w = suppress(q);
    expect(w.has('total')).toBe(true);
    expect(w.size).toBe(2);
    expect(violations(q, w)).toEqual([]);
  });

  it('two nested cells whose difference is a small group are not both shown', () => {
    // The year and one facility's year differ by the other facilities: 4 relapses among 6 people.
    const p: SuppressionProblem = {
      k: 5,
      cells: cells({ year: [40, 46], q1: [20, 23], q2: [20, 23], f: [36, 40], q1f: [18, 20], q2f: [18, 20], other: [4, 6] }),
      lines: [
        { parent: 'year', children: ['q1', 'q2'] },
        { parent: 'f', children: ['q1f', 'q2f'] },
        { parent: 'year', children: ['f', 'other'] },
      ],
    };
    const w = suppress(p);
    expect(w.has('other')).toBe(true);
    expect(violations(p, w)).toEqual([]);
    // q1 − q1f = 2 of 3: one of them must be withheld too.
    expect(w.has('q1') || w.has('q1f')).toBe(true);
  });

  it('forced cells (their denominator is withheld elsewhere) are withheld and protected like small ones', () => {
    const p: SuppressionProblem = {
      k: 5,
      cells: cells({ total: [40, 60], a: [10, 20], b: [15, 20], c: [15, 20] }),
      lines: [{ parent: 'total', children: ['a', 'b', 'c'] }],
      forced: ['b'],
    };
    const w = suppress(p);
    expect(w.has('b')).toBe(true);
    expect(w.size).toBe(2);
    expect(violations(p, w)).toEqual([]);
  });

  it('a two-way table: withheld cells form rectangles, none recoverable along rows or columns', () => {
    const p = twoWay([
      [
        [10, 12],
        [2, 15],
        [20, 25],
      ],
      [
        [30, 40],
        [10, 20],
        [12, 18],
      ],
      [
        [25, 30],
        [20, 25],
        [9, 10],
      ],
    ]);
    const w = suppress(p);
    expect(w.has('r0c1')).toBe(true);
    expect(violations(p, w)).toEqual([]);
  });

  it('elimination finds a cell pinned down by two otherwise protected blocks (a bridge), and suppression covers it', () => {
    // Rows 0–1 × columns 0–1 withheld (a rectangle), rows 2–3 × columns 2–3 likewise, and r1c2 joining them:
    // every line has two unknowns or more, yet rows 0+1 minus columns 0+1 is exactly r1c2.
    const v = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => [10, 20]));
    const p = twoWay(v);
    const bridge = new Set(['r0c0', 'r0c1', 'r1c0', 'r1c1', 'r2c2', 'r2c3', 'r3c2', 'r3c3', 'r1c2']);
    expect(exactlyRecoverable(p, bridge)).toEqual(['r1c2']);
    const rectangle = new Set(['r0c0', 'r0c1', 'r1c0', 'r1c1']);
    expect(exactlyRecoverable(p, rectangle)).toEqual([]);
    const w = suppress({ ...p, forced: bridge });
    expect(violations({ ...p, forced: bridge }, w)).toEqual([]);
  });

  it('holds every rule on random linked tables (a year of quarters × groups, two dimensions sharing the totals)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rnd = random(seed);
      const k = 3 + Math.floor(rnd() * 3);
      const map = new Map<string, CellCount>();
      const lines: Line[] = [];
      const groups = { f: 1 + Math.floor(rnd() * 4), s: 2 + Math.floor(rnd() * 5) };
      const yearTotal = { n: 0, d: 0 };
      const yearBy: Record<string, { n: number; d: number }> = {};
      for (let q = 1; q <= 4; q++) {
        // People of the quarter, each with a facility, a station and an outcome (≈10% do not have it).
        const people = Array.from({ length: Math.floor(rnd() * 40) }, () => ({
          f: Math.floor(rnd() * groups.f),
          s: Math.floor(rnd() * groups.s),
          yes: rnd() < 0.9,
        }));
        if (people.length === 0) continue;
        const tally = (pick: (x: (typeof people)[number]) => boolean) => {
          const inside = people.filter(pick);
          return { n: inside.filter((x) => x.yes).length, d: inside.length };
        };
        const qt = tally(() => true);
        map.set(`Q${q}`, qt);
        yearTotal.n += qt.n;
        yearTotal.d += qt.d;
        for (const dim of ['f', 's'] as const) {
          const children: string[] = [];
          for (let g = 0; g < groups[dim]; g++) {
            const t = tally((x) => x[dim] === g);
            if (t.d === 0) continue;
            const id = `Q${q}${dim}${g}`;
            map.set(id, t);
            children.push(id);
            const y = (yearBy[`${dim}${g}`] ??= { n: 0, d: 0 });
            y.n += t.n;
            y.d += t.d;
          }
          lines.push({ parent: `Q${q}`, children });
        }
      }
      if (yearTotal.d === 0) continue;
      map.set('Y', yearTotal);
      const quarters = [1, 2, 3, 4].map((q) => `Q${q}`).filter((id) => map.has(id));
      lines.push({ parent: 'Y', children: quarters });
      for (const dim of ['f', 's'] as const) {
        const children: string[] = [];
        for (let g = 0; g < groups[dim]; g++) {
          const y = yearBy[`${dim}${g}`];
          if (!y) continue;
          map.set(`Y${dim}${g}`, y);
          children.push(`Y${dim}${g}`);
          lines.push({ parent: `Y${dim}${g}`, children: quarters.map((q) => `${q}${dim}${g}`) });
        }
        lines.push({ parent: 'Y', children });
      }
      const p: SuppressionProblem = { k, cells: map, lines };
      const w = suppress(p);
      expect({ seed, problems: violations(p, w) }).toEqual({ seed, problems: [] });
    }
  });

  it('is deterministic and leaves a table with nothing small alone', () => {
    const p = twoWay([
      [
        [10, 20],
        [0, 10],
      ],
      [
        [5, 10],
        [10, 15],
      ],
    ]);
    expect([...suppress(p)]).toEqual([]);
    const q = twoWay([
      [
        [1, 20],
        [10, 10],
      ],
      [
        [5, 10],
        [10, 15],
      ],
    ]);
    expect([...suppress(q)].sort()).toEqual([...suppress(q)].sort());
  });
});
