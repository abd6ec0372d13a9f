import type { ColumnInfo } from './backup-format';

/** Runs one statement and returns its rows (a pg client or a TypeORM query runner, wrapped). */
export type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/** The single row a statement such as `SELECT count(*)` always returns. */
export async function one<T>(query: Query, sql: string, params?: unknown[]): Promise<T> {
  const [row] = await query<T>(sql, params);
  if (row === undefined) throw new Error(`internal: no row from ${sql.slice(0, 40)}`);
  return row;
}

/** The migration bookkeeping table: rebuilt by running the migrations, never copied. */
export const MIGRATIONS_TABLE = 'typeorm_migrations';

export interface TableInfo {
  name: string;
  /** Stored columns in column order (generated ones are recomputed on insert, so left out). */
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Has a GENERATED ALWAYS identity column: inserting its values needs OVERRIDING SYSTEM VALUE. */
  identityAlways: boolean;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Objects that belong to an extension (btree_gist's functions and types) are the extension's, not ours. */
const NOT_EXTENSION_MEMBER = (catalog: string, alias: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${alias}.oid AND d.deptype = 'e')`;

/** The app's tables in the public schema, in an order where every table comes after those it references. */
export async function listTables(query: Query): Promise<TableInfo[]> {
  const rels = await query<{ oid: number; name: string }>(
    `SELECT c.oid::int AS oid, c.relname AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> $1 AND ${NOT_EXTENSION_MEMBER('pg_class', 'c')}
      ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  const cols = await query<{ oid: number; name: string; type: string; identity: string; generated: string }>(
    `SELECT a.attrelid::int AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attidentity AS identity, a.attgenerated AS generated
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum`,
  );
  const pks = await query<{ oid: number; name: string }>(
    `SELECT i.indrelid::int AS oid, a.attname AS name
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indisprimary AND c.relnamespace = 'public'::regnamespace
      ORDER BY i.indrelid, k.ord`,
  );
  const fks = await query<{ from: number; to: number }>(
    `SELECT DISTINCT conrelid::int AS "from", confrelid::int AS "to" FROM pg_constraint
      WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND conrelid <> confrelid`,
  );
  const tables = new Map<number, TableInfo>();
  for (const r of rels) tables.set(r.oid, { name: r.name, columns: [], primaryKey: [], identityAlways: false });
  for (const c of cols) {
    const t = tables.get(c.oid);
    if (!t || c.generated !== '') continue;
    t.columns.push({ name: c.name, type: c.type });
    if (c.identity === 'a') t.identityAlways = true;
  }
  for (const p of pks) tables.get(p.oid)?.primaryKey.push(p.name);

  // Depth-first topological sort; alphabetical among equals so the order is stable.
  const ordered: TableInfo[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (oid: number) => {
    if (state.get(oid) === 'done' || !tables.has(oid)) return;
    // A cycle: keep going, the restore's trigger handling (replica mode) copes; without it the load reports the FK.
    if (state.get(oid) === 'visiting') return;
    state.set(oid, 'visiting');
    // Dependencies by name, not in catalogue order: a restored database has other oids, and the order
    // of a backup must not differ from that of a backup of its restore.
    const targets = fks.filter((fk) => fk.from === oid).map((fk) => fk.to);
    targets.sort((a, b) => (tables.get(a)?.name ?? '').localeCompare(tables.get(b)?.name ?? ''));
    for (const to of targets) visit(to);
    state.set(oid, 'done');
    ordered.push(tables.get(oid)!);
  };
  for (const r of rels) visit(r.oid);
  return ordered;
}

/** Sequences in the public schema (serial and free-standing ones such as the diploma numbers). */
export async function listSequences(query: Query): Promise<string[]> {
  const rows = await query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' AND ${NOT_EXTENSION_MEMBER('pg_class', 'c')}
        AND c.relname <> $1 ORDER BY c.relname`,
    [`${MIGRATIONS_TABLE}_id_seq`],
  );
  return rows.map((r) => r.name);
}

/** Everything of ours in the public schema, for `restore --force`: the schema itself (and its grants) stays. */
export async function dropAppObjects(query: Query): Promise<void> {
  const rels = await query<{ kind: string; name: string }>(
    `SELECT c.relkind AS kind, c.relname AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND ${NOT_EXTENSION_MEMBER('pg_class', 'c')}`,
  );
  const byKind = (kinds: string) =>
    rels
      .filter((r) => kinds.includes(r.kind))
      .map((r) => quoteIdent(r.name))
      .join(', ');
  const drop = async (what: string, names: string) => {
    if (names) await query(`DROP ${what} IF EXISTS ${names} CASCADE`);
  };
  await drop('VIEW', byKind('v'));
  await drop('MATERIALIZED VIEW', byKind('m'));
  await drop('FOREIGN TABLE', byKind('f'));
  await drop('TABLE', byKind('rp'));
  await drop('SEQUENCE', byKind('S'));
  const routines = await query<{ sig: string }>(
    `SELECT p.oid::regprocedure::text AS sig FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace AND ${NOT_EXTENSION_MEMBER('pg_proc', 'p')}`,
  );
  for (const r of routines) await query(`DROP ROUTINE IF EXISTS ${r.sig} CASCADE`);
  const types = await query<{ kind: string; name: string }>(
    `SELECT t.typtype AS kind, t.oid::regtype::text AS name FROM pg_type t
      WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'c', 'r', 'm')
        AND (t.typtype <> 'c' OR NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c'))
        AND ${NOT_EXTENSION_MEMBER('pg_type', 't')}`,
  );
  for (const t of types) await query(`DROP ${t.kind === 'd' ? 'DOMAIN' : 'TYPE'} IF EXISTS ${t.name} CASCADE`);
}
