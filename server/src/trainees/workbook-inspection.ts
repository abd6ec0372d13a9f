import { inflateRaw } from 'node:zlib';
import { promisify } from 'node:util';
import { badRequest, DomainError } from '../common/domain-error';

const inflateRawAsync = promisify(inflateRaw);

/**
 * Limits on an uploaded workbook, checked before anything parses it. An .xlsx is a zip of XML; a
 * small upload can hold gigabytes of XML (a 1.8 MB roster once expanded to 2 GB in memory and held
 * the server for 34 s). A real roster of 5,000 rows is a few megabytes of XML.
 */
export const WORKBOOK_LIMITS = {
  /** All entries together, uncompressed. */
  maxUncompressedBytes: 20 * 1_048_576,
  /** Spreadsheet XML compresses 5–50×; a zip bomb ~1000×. Only judged on entries big enough to matter. */
  maxRatio: 200,
  ratioCheckedFromBytes: 1_048_576,
  /** An .xlsx has a dozen or two entries. */
  maxEntries: 500,
} as const;

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MB = (n: number) => Math.round(n / 1_048_576);

const notAnXlsx = () => badRequest('NOT_AN_XLSX');

const tooLarge = (detail: string, detailEn: string) =>
  new DomainError(
    413,
    'WORKBOOK_TOO_LARGE',
    { detail, mb: MB(WORKBOOK_LIMITS.maxUncompressedBytes), detailEn },
    { maxUncompressedBytes: WORKBOOK_LIMITS.maxUncompressedBytes },
  );

/**
 * Reads the zip's central directory (names and declared sizes only, nothing is decompressed) and
 * refuses a workbook that would expand too far. Throws NOT_AN_XLSX for anything that is not a plain zip.
 */
export function inspectWorkbookZip(file: Buffer): ZipEntryInfo[] {
  // The end-of-central-directory record is in the last 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 65_535); i--) {
    if (file.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notAnXlsx();
  const count = file.readUInt16LE(eocd + 10);
  const cdSize = file.readUInt32LE(eocd + 12);
  const cdOffset = file.readUInt32LE(eocd + 16);
  // ZIP64 (markers 0xFFFF / 0xFFFFFFFF) is for archives over 4 GB or 65,535 entries: never a roster.
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw notAnXlsx();
  if (cdOffset + cdSize > eocd) throw notAnXlsx();
  if (count > WORKBOOK_LIMITS.maxEntries) {
    throw tooLarge(`${count} 个内部文件`, `${count} entries, at most ${WORKBOOK_LIMITS.maxEntries}`);
  }
  const entries: ZipEntryInfo[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cdOffset + cdSize || file.readUInt32LE(p) !== CENTRAL) throw notAnXlsx();
    const flags = file.readUInt16LE(p + 8);
    const method = file.readUInt16LE(p + 10);
    const compressedSize = file.readUInt32LE(p + 20);
    const uncompressedSize = file.readUInt32LE(p + 24);
    const nameLength = file.readUInt16LE(p + 28);
    const extraLength = file.readUInt16LE(p + 30);
    const commentLength = file.readUInt16LE(p + 32);
    const localHeaderOffset = file.readUInt32LE(p + 42);
    const name = file.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    // Encrypted entries (flag bit 0), methods other than stored/deflate, and ZIP64 sizes: not a workbook we read.
    if (flags & 1 || (method !== 0 && method !== 8)) throw notAnXlsx();
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset >= cdOffset) throw notAnXlsx();
    total += uncompressedSize;
    if (total > WORKBOOK_LIMITS.maxUncompressedBytes) {
      throw tooLarge(`超过 ${MB(WORKBOOK_LIMITS.maxUncompressedBytes)} MB`, `over ${MB(WORKBOOK_LIMITS.maxUncompressedBytes)} MB`);
    }
    if (
      uncompressedSize >= WORKBOOK_LIMITS.ratioCheckedFromBytes &&
      uncompressedSize > WORKBOOK_LIMITS.maxRatio * Math.max(compressedSize, 1)
    ) {
      const ratio = Math.round(uncompressedSize / Math.max(compressedSize, 1));
      throw new DomainError(
        413,
        'WORKBOOK_TOO_LARGE.TRAINEES',
        { ratio, maxRatio: WORKBOOK_LIMITS.maxRatio },
        { maxRatio: WORKBOOK_LIMITS.maxRatio },
      );
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
  }
  return entries;
}

/**
 * Decompresses every entry with its declared size as a hard ceiling, so a zip whose directory
 * understates the sizes is refused rather than believed. Runs on libuv's thread pool (async zlib):
 * the event loop stays free, and at most the declared (already capped) bytes are ever produced.
 */
export async function verifyWorkbookSizes(file: Buffer, entries: ZipEntryInfo[]): Promise<void> {
  for (const e of entries) {
    const at = e.localHeaderOffset;
    if (at + 30 > file.length || file.readUInt32LE(at) !== LOCAL) throw notAnXlsx();
    const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
    if (start + e.compressedSize > file.length) throw notAnXlsx();
    const data = file.subarray(start, start + e.compressedSize);
    let size: number;
    if (e.method === 0) size = data.length;
    else {
      try {
        // One byte over the declared size is enough to know it lied.
        size = (await inflateRawAsync(data, { maxOutputLength: e.uncompressedSize + 1 })).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') size = e.uncompressedSize + 1;
        else throw notAnXlsx();
      }
    }
    if (size > e.uncompressedSize) {
      throw tooLarge('内部文件的实际大小超过了它声明的大小', 'an entry expands beyond its declared size');
    }
    if (size !== e.uncompressedSize) throw notAnXlsx();
  }
}
