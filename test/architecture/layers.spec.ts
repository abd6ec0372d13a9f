/**
 * The layer rules of docs/architecture.md, checked on the source text so that a change that breaks
 * one fails `npm test` with the file and line to look at:
 *
 * - repositories are the only place SQL is written (the database and ops folders are the data layer
 *   itself: migrations runner, embedded server, backup/restore copy whole tables);
 * - a module reads another module's data through that module's service, never its repository;
 * - the top-level folders of the server import each other without cycles;
 * - no service grows past 500 lines (split it by the domain's nouns instead);
 * - the client calls the API only through the code generated from the OpenAPI document.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const server = join(root, 'server', 'src');
const client = join(root, 'client', 'src', 'app');

function sources(dir: string, skip: (path: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (skip(path)) continue;
    if (statSync(path).isDirectory()) out.push(...sources(path, skip));
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) out.push(path);
  }
  return out;
}

const serverFiles = sources(server);
const folderOf = (path: string): string => relative(server, path).split('/')[0] ?? '';
const lines = (path: string) => readFileSync(path, 'utf8').split('\n');

/** Folders whose whole job is to talk to the database as such, not to a module's tables. */
const DATA_LAYER = new Set(['database', 'ops']);

const SQL_CALL = /\.(query|createQueryBuilder)\s*[<(]/;

/** Relative imports of a file, resolved to absolute paths (without extension). */
function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map((m) => resolve(dirname(path), m[1]!));
}

describe('architecture', () => {
  it('writes SQL only in repositories', () => {
    const offenders: string[] = [];
    for (const file of serverFiles) {
      if (file.endsWith('.repository.ts') || DATA_LAYER.has(folderOf(file))) continue;
      lines(file).forEach((line, i) => {
        if (SQL_CALL.test(line)) offenders.push(`${relative(root, file)}:${i + 1}  ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it("reads another module's data through its service, not its repository", () => {
    const offenders: string[] = [];
    for (const file of serverFiles) {
      for (const target of imports(file)) {
        // common/ is no module's data: its repositories are shared database tools (sealed-records.repository).
        const owner = folderOf(target + '.ts');
        if (target.endsWith('.repository') && owner !== folderOf(file) && owner !== 'common') {
          offenders.push(`${relative(root, file)} imports ${relative(root, target)}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('has no import cycles between the server folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const file of serverFiles) {
      const from = folderOf(file);
      for (const target of imports(file)) {
        const to = folderOf(target + '.ts');
        if (to !== from && !to.includes('.')) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
      }
    }
    // Tarjan's strongly connected components: any component of more than one folder is a cycle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of edges.get(v) ?? []) {
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const v of edges.keys()) if (!idx.has(v)) visit(v);
    expect(cycles).toEqual([]);
  });

  it('keeps every service under 500 lines', () => {
    const large = serverFiles
      .filter((f) => f.endsWith('.service.ts'))
      .map((f) => [relative(root, f), lines(f).length] as const)
      .filter(([, n]) => n >= 500);
    expect(large).toEqual([]);
  });

  it('calls the API from the client only through the generated code', () => {
    const offenders: string[] = [];
    for (const file of sources(client, (p) => p.endsWith(join('core', 'api', 'generated')))) {
      lines(file).forEach((line, i) => {
        if (/['"`]\/api\/[^'"`]/.test(line)) offenders.push(`${relative(root, file)}:${i + 1}  ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
