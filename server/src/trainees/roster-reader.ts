import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { DomainError } from '../common/domain-error';

/** Limits on reading a roster, beyond the zip checks of workbook-inspection.ts. */
export const ROSTER_READ_LIMITS = {
  /** Data rows in one file (blank rows not counted). */
  maxRows: 5000,
  /** The reading thread's JS heap; a 5,000-row roster needs well under 100 MB. */
  maxHeapMb: 384,
  /** Wall-clock time for the reading thread. */
  timeoutMs: 30_000,
  /** Workbooks read at the same time; more wait, and beyond `maxWaiting` are turned away. */
  concurrent: 2,
  maxWaiting: 8,
} as const;

export interface RosterSheet {
  /** The first row's cells (column 1…n), as text. */
  header: string[];
  /** Non-blank data rows, at most `maxRows` of them, with their sheet row number. */
  rows: { n: number; cells: string[] }[];
  /** All non-blank data rows, including those beyond `maxRows`. */
  count: number;
}

type WorkerAnswer = ({ kind: 'ok' } & RosterSheet) | { kind: 'unreadable' } | { kind: 'no-sheet' };

/*
 * The thread's code is plain CommonJS evaluated by the worker (`eval: true`), not a module of this
 * app: the same text then runs from the TypeScript sources under the tests and from dist/ in
 * production. It loads the workbook with ExcelJS exactly as before and hands back text only.
 * `cellText` must stay the same as what the rest of the import expects: trimmed text, dates as
 * YYYY-MM-DD, formula results, hyperlink and rich text flattened.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.excelJsPath);
function cellText(v) {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText(v.result);
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    return '';
  }
  return typeof v === 'string' ? v.trim() : String(v);
}
(async () => {
  const wb = new ExcelJS.Workbook();
  const file = Buffer.from(workerData.file.buffer, workerData.file.byteOffset, workerData.file.byteLength);
  try {
    await wb.xlsx.load(file);
  } catch {
    parentPort.postMessage({ kind: 'unreadable' });
    return;
  }
  const ws = wb.worksheets[0];
  if (!ws) {
    parentPort.postMessage({ kind: 'no-sheet' });
    return;
  }
  const width = workerData.columns;
  const texts = (row) => {
    const cells = [];
    for (let i = 1; i <= width; i++) cells.push(cellText(row.getCell(i).value));
    return cells;
  };
  const header = texts(ws.getRow(1));
  const rows = [];
  let count = 0;
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cells = texts(row);
    if (cells.every((s) => s === '')) return;
    count++;
    if (count <= workerData.maxRows) rows.push({ n, cells });
  });
  parentPort.postMessage({ kind: 'ok', header, rows, count });
})();
`;

/**
 * Where ExcelJS is, for the worker's `require`. Production runs as CommonJS (`require` exists);
 * the tests run the sources as ES modules, from the project root.
 */
function excelJsPath(): string {
  return typeof require === 'function' ? require.resolve('exceljs') : createRequire(join(process.cwd(), 'package.json')).resolve('exceljs');
}

const logger = new Logger('RosterReader');

const unreadable = () => new DomainError(400, 'NOT_AN_XLSX');

const tooComplex = () =>
  new DomainError(413, 'WORKBOOK_TOO_COMPLEX', { timeoutMs: ROSTER_READ_LIMITS.timeoutMs / 1000, maxRows: ROSTER_READ_LIMITS.maxRows });

let running = 0;
const waiting: (() => void)[] = [];

/** At most `concurrent` reading threads: each may use up to `maxHeapMb`, and the machine has few cores. */
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= ROSTER_READ_LIMITS.concurrent) {
    if (waiting.length >= ROSTER_READ_LIMITS.maxWaiting) {
      throw new DomainError(503, 'IMPORT_BUSY');
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line, or free it.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/**
 * Reads the roster sheet in a worker thread with a memory ceiling and a deadline, so a heavy
 * workbook costs that thread, not the event loop (health checks and every other request keep
 * being answered). Call only after `inspectWorkbookZip` / `verifyWorkbookSizes`.
 */
export function readRosterSheet(file: Buffer, columns: number): Promise<RosterSheet> {
  return slot(
    () =>
      new Promise<RosterSheet>((resolve, reject) => {
        const worker = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: { excelJsPath: excelJsPath(), file: new Uint8Array(file), columns, maxRows: ROSTER_READ_LIMITS.maxRows },
          resourceLimits: { maxOldGenerationSizeMb: ROSTER_READ_LIMITS.maxHeapMb, maxYoungGenerationSizeMb: 32 },
          stdout: true,
          stderr: true,
        });
        let settled = false;
        const finish = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          void worker.terminate();
          outcome();
        };
        const timer = setTimeout(() => finish(() => reject(tooComplex())), ROSTER_READ_LIMITS.timeoutMs);
        worker.on('message', (answer: WorkerAnswer) =>
          finish(() => {
            if (answer.kind === 'ok') resolve({ header: answer.header, rows: answer.rows, count: answer.count });
            else if (answer.kind === 'no-sheet') reject(new DomainError(400, 'EMPTY_WORKBOOK'));
            else reject(unreadable());
          }),
        );
        worker.on('error', (err: Error & { code?: string }) =>
          finish(() => {
            if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') return reject(tooComplex());
            // Name and code only: a parser's message may quote the sheet's content.
            logger.warn({ err: { name: err.name, code: err.code } }, 'roster reader failed');
            reject(unreadable());
          }),
        );
        worker.on('exit', () => finish(() => reject(unreadable())));
        // The thread's own output is not forwarded (it could quote the sheet); drained so it cannot pile up.
        worker.stdout.resume();
        worker.stderr.resume();
      }),
  );
}
