import { isSafeSplit, isSmallCell } from './rates';

/**
 * Complementary cell suppression for one share (one column of a report) over a set of linked tables.
 *
 * A cell is a group of people with a share over it: `d` people (the denominator, a head count that is
 * shown) of whom `n` have the outcome. A line says that a parent cell is exactly the sum of its children
 * (a year is its four quarters; a quarter is its facilities, or its stations, or its divisions). A reader
 * who has every published number can add and subtract along lines, so a withheld cell must stay hidden
 * from all of them together, not only on its own. `suppress` returns the cells to withhold so that:
 *
 *  1. primary: no published cell is over fewer than k people or has a numerator or complement of 1..k−1;
 *     `forced` cells (their denominator is itself withheld) are withheld whatever their counts;
 *  2. lines: no line has exactly one unknown member (it would be the parent minus the rest), and where
 *     the parent is published, what the withheld children add up to (parent minus the published children)
 *     is itself a safe split;
 *  3. nesting: for every published cell and every published cell containing it, the difference (the
 *     people in the larger one and not in the smaller one) is a safe split;
 *  4. no withheld cell can be worked out exactly from all the lines together (checked by elimination
 *     over the withheld cells; a cell it pins down gets a neighbour withheld with it).
 *
 * Cells withheld for (2)–(4) are chosen smallest first, preferring one that also settles another line.
 * The result is the same whichever report, scope or grouping is read from it: suppress once over the
 * whole set, then read slices of it, and every slice agrees with every other.
 *
 * Pure: no I/O, deterministic (ties broken by cell id).
 */
export interface CellCount {
  /** People with the outcome. */
  n: number;
  /** People the share is over. */
  d: number;
}

export interface Line {
  parent: string;
  /** Disjoint cells that together are the parent; an absent child is an empty one. */
  children: readonly string[];
}

export interface SuppressionProblem {
  k: number;
  cells: ReadonlyMap<string, CellCount>;
  lines: readonly Line[];
  /** Withheld whatever their counts, and their denominator with them (it is a withheld count elsewhere). */
  forced?: Iterable<string>;
}

export function suppress(problem: SuppressionProblem): Set<string> {
  return new Suppressor(problem).run();
}

/** The withheld cells whose value follows exactly from the published ones along the lines. */
export function exactlyRecoverable(problem: SuppressionProblem, withheld: ReadonlySet<string>): string[] {
  const s = new Suppressor(problem);
  for (const id of withheld) s.withheld.add(id);
  return s.recoverable();
}

class Suppressor {
  readonly withheld = new Set<string>();
  private readonly k: number;
  private readonly cells: ReadonlyMap<string, CellCount>;
  private readonly lines: readonly Line[];
  private readonly hiddenDenominator: ReadonlySet<string>;
  private readonly linesOf = new Map<string, number[]>();
  private readonly parentsOf = new Map<string, string[]>();
  private readonly ancestorsMemo = new Map<string, string[]>();

  constructor(p: SuppressionProblem) {
    this.k = p.k;
    this.cells = p.cells;
    // Only the children that exist: an absent child is nobody, known to be zero.
    this.lines = p.lines
      .filter((l) => p.cells.has(l.parent))
      .map((l) => ({ parent: l.parent, children: l.children.filter((c) => p.cells.has(c)) }));
    this.hiddenDenominator = new Set([...(p.forced ?? [])].filter((id) => p.cells.has(id)));
    this.lines.forEach((l, i) => {
      for (const id of [l.parent, ...l.children]) push(this.linesOf, id, i);
      for (const c of l.children) push(this.parentsOf, c, l.parent);
    });
  }

  run(): Set<string> {
    for (const [id, c] of this.cells) if (this.hiddenDenominator.has(id) || isSmallCell(c.n, c.d, this.k)) this.withheld.add(id);
    for (;;) {
      let changed = false;
      for (const line of this.lines) changed = this.protectLine(line) || changed;
      changed = this.protectNesting() || changed;
      if (changed) continue;
      const pinned = this.recoverable();
      if (pinned.length === 0) return this.withheld;
      // One cover at a time: it may unpin the others too.
      const cover = pinned.map((id) => this.coverFor(id)).find((c) => c !== undefined);
      if (cover === undefined) return this.withheld; // cannot happen: a pinned cell has a published neighbour on a line
      this.withheld.add(cover);
    }
  }

  /** Values a reader does not know: withheld, and not an empty cell everyone knows is empty. */
  private unknown(id: string): boolean {
    if (!this.withheld.has(id)) return false;
    return this.hiddenDenominator.has(id) || this.cells.get(id)!.d > 0;
  }

  private protectLine(line: Line): boolean {
    let changed = false;
    for (;;) {
      const unknownChildren = line.children.filter((c) => this.unknown(c));
      const parentKnown = !this.unknown(line.parent);
      const unknowns = unknownChildren.length + (parentKnown ? 0 : 1);
      if (!this.lineNeedsMore(unknowns, parentKnown, unknownChildren)) return changed;
      const candidates = line.children.filter((c) => !this.withheld.has(c));
      if (candidates.length === 0) {
        // The one unknown child is all the parent has: the parent goes with it.
        if (parentKnown && this.cells.get(line.parent)!.d > 0 && !this.withheld.has(line.parent)) {
          this.withheld.add(line.parent);
          changed = true;
          continue;
        }
        return changed;
      }
      const pick = this.best(candidates, (c) => {
        const next = [...unknownChildren, c];
        return !this.lineNeedsMore(unknowns + 1, parentKnown, next);
      });
      this.withheld.add(pick);
      changed = true;
    }
  }

  private lineNeedsMore(unknowns: number, parentKnown: boolean, unknownChildren: readonly string[]): boolean {
    if (unknowns === 1) return true;
    if (!parentKnown || unknownChildren.length === 0) return false;
    let n = 0;
    let d = 0;
    for (const c of unknownChildren) {
      n += this.cells.get(c)!.n;
      d += this.cells.get(c)!.d;
    }
    return !isSafeSplit(n, d - n, this.k);
  }

  private protectNesting(): boolean {
    let changed = false;
    for (const [id, inner] of this.cells) {
      if (this.withheld.has(id)) continue;
      for (const a of this.ancestors(id)) {
        if (this.withheld.has(a)) continue;
        const outer = this.cells.get(a)!;
        const n = outer.n - inner.n;
        if (!isSafeSplit(n, outer.d - inner.d - n, this.k)) {
          this.withheld.add(id);
          changed = true;
          break;
        }
      }
    }
    return changed;
  }

  /** Every cell that contains `id` (its parents along any line, their parents, …). */
  private ancestors(id: string): string[] {
    const memo = this.ancestorsMemo.get(id);
    if (memo) return memo;
    const out = new Set<string>();
    for (const p of this.parentsOf.get(id) ?? []) {
      out.add(p);
      for (const a of this.ancestors(p)) out.add(a);
    }
    const list = [...out];
    this.ancestorsMemo.set(id, list);
    return list;
  }

  /**
   * The complementary cell to withhold from `candidates` (published cells of one line): first one that
   * settles this line (`settles`), then one that settles more other lines than it unsettles, then the
   * smallest group, then by id.
   */
  private best(candidates: readonly string[], settles: (c: string) => boolean): string {
    // Unknowns per line, counted once per call: a line's count does not depend on the candidate, and an
    // order funnel is one line of ~2,000 children (counted afresh per candidate, 2,000² look-ups, ~13 ms).
    const unknownsOn = new Map<number, number>();
    const unknownsOf = (li: number): number => {
      let u = unknownsOn.get(li);
      if (u === undefined) {
        const l = this.lines[li]!;
        u = (this.unknown(l.parent) ? 1 : 0) + l.children.filter((m) => this.unknown(m)).length;
        unknownsOn.set(li, u);
      }
      return u;
    };
    const scored = candidates.map((c) => {
      let balance = 0;
      for (const li of this.linesOf.get(c) ?? []) {
        const u = unknownsOf(li);
        if (u === 1) balance += 1;
        else if (u === 0) balance -= 1;
      }
      return { c, settles: settles(c) ? 1 : 0, balance, d: this.cells.get(c)!.d };
    });
    scored.sort((a, b) => b.settles - a.settles || b.balance - a.balance || a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0));
    return scored[0]!.c;
  }

  /**
   * A published cell to withhold so that `id` is no longer pinned down: one on a line with it, or else
   * on a line with the withheld cells next to it, and so on outwards (what pins a cell is a published
   * value somewhere in its group of withheld cells).
   */
  private coverFor(id: string): string | undefined {
    const seen = new Set([id]);
    let frontier = [id];
    while (frontier.length > 0) {
      const candidates = new Set<string>();
      const next: string[] = [];
      for (const cell of frontier) {
        for (const li of this.linesOf.get(cell) ?? []) {
          const l = this.lines[li]!;
          for (const m of [l.parent, ...l.children]) {
            if (!this.withheld.has(m)) {
              if (this.cells.get(m)!.d > 0) candidates.add(m);
            } else if (!seen.has(m)) {
              seen.add(m);
              next.push(m);
            }
          }
        }
      }
      if (candidates.size > 0) return this.best([...candidates], () => false);
      frontier = next;
    }
    return undefined;
  }

  /**
   * Withheld cells whose value the lines determine. Each line is an equation (parent − Σ children = 0);
   * with the published values moved to the right-hand side, an unknown is determined exactly when its
   * unit vector is in the row space of the unknowns' coefficients, i.e. its pivot row in reduced row
   * echelon form has no other entry. Solved per connected group of unknowns (they are small and local).
   */
  recoverable(): string[] {
    const unknowns = [...this.cells.keys()].filter((id) => this.unknown(id));
    const index = new Map(unknowns.map((id, i) => [id, i]));
    const equations: number[][] = []; // each: unknown indices, parent first when unknown (sign below)
    const signs: number[][] = [];
    for (const l of this.lines) {
      const cols: number[] = [];
      const sg: number[] = [];
      if (index.has(l.parent)) {
        cols.push(index.get(l.parent)!);
        sg.push(1);
      }
      for (const c of l.children) {
        if (index.has(c)) {
          cols.push(index.get(c)!);
          sg.push(-1);
        }
      }
      if (cols.length > 0) {
        equations.push(cols);
        signs.push(sg);
      }
    }
    // Connected groups of unknowns (sharing an equation).
    const root = unknowns.map((_, i) => i);
    const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i]!)));
    for (const cols of equations) for (const c of cols.slice(1)) root[find(c)] = find(cols[0]!);
    const groups = new Map<number, number[]>();
    equations.forEach((cols, e) => push(groups, find(cols[0]!), e));
    const pinned: string[] = [];
    for (const eqs of groups.values()) {
      const colSet = [...new Set(eqs.flatMap((e) => equations[e]!))];
      const local = new Map(colSet.map((c, i) => [c, i]));
      const rows = eqs.map((e) => {
        const row = new Float64Array(colSet.length);
        equations[e]!.forEach((c, j) => (row[local.get(c)!] = signs[e]![j]!));
        return row;
      });
      for (const c of determinedColumns(rows, colSet.length)) pinned.push(unknowns[colSet[c]!]!);
    }
    return pinned.sort();
  }
}

const EPS = 1e-9;

/** Columns of `rows` (coefficients of unknowns) that the equations determine exactly. */
function determinedColumns(rows: Float64Array[], width: number): number[] {
  const pivots: { row: number; col: number }[] = [];
  let r = 0;
  for (let col = 0; col < width && r < rows.length; col++) {
    let best = -1;
    for (let i = r; i < rows.length; i++)
      if (Math.abs(rows[i]![col]!) > EPS && (best < 0 || Math.abs(rows[i]![col]!) > Math.abs(rows[best]![col]!))) best = i;
    if (best < 0) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivotRow = rows[r]!;
    const p = pivotRow[col]!;
    for (let j = 0; j < width; j++) pivotRow[j] = pivotRow[j]! / p;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const f = rows[i]![col]!;
      if (Math.abs(f) <= EPS) continue;
      const row = rows[i]!;
      for (let j = 0; j < width; j++) row[j] = row[j]! - f * pivotRow[j]!;
    }
    pivots.push({ row: r, col });
    r++;
  }
  return pivots
    .filter(({ row, col }) => {
      const values = rows[row]!;
      for (let j = 0; j < width; j++) if (j !== col && Math.abs(values[j]!) > EPS) return false;
      return true;
    })
    .map((p) => p.col);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
