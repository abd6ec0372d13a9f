import { deflateRawSync } from 'node:zlib';
import { DomainError } from '../common/domain-error';
import { inspectWorkbookZip, verifyWorkbookSizes, WORKBOOK_LIMITS } from './workbook-inspection';

interface Entry {
  name: string;
  data: Buffer;
  /** Declared uncompressed size, when it should lie. */
  declared?: number;
}

/** A minimal zip (deflate, no data descriptors), written by hand so that its sizes can lie. */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = deflateRawSync(e.data);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return null;
};

describe('workbook zip inspection', () => {
  const xml = (n: number) => Buffer.from('<row><c><v>1</v></c></row>'.repeat(n));

  it('accepts an ordinary archive and lists its entries', async () => {
    const file = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: xml(1000) },
    ]);
    const entries = inspectWorkbookZip(file);
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml']);
    await expect(verifyWorkbookSizes(file, entries)).resolves.toBeUndefined();
  });

  it('refuses what is not a zip', () => {
    expect(codeOf(() => inspectWorkbookZip(Buffer.from('not a spreadsheet')))).toBe('NOT_AN_XLSX');
    expect(codeOf(() => inspectWorkbookZip(Buffer.alloc(0)))).toBe('NOT_AN_XLSX');
  });

  it('refuses a total uncompressed size over the cap, from the directory alone', () => {
    const half = WORKBOOK_LIMITS.maxUncompressedBytes / 2 + 1;
    const file = zip([
      { name: 'a.xml', data: Buffer.from('<a/>'), declared: half },
      { name: 'b.xml', data: Buffer.from('<b/>'), declared: half },
    ]);
    expect(codeOf(() => inspectWorkbookZip(file))).toBe('WORKBOOK_TOO_LARGE');
  });

  it('refuses an absurd compression ratio', () => {
    // 5 MB of one repeated character deflates ~1000×.
    const file = zip([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(5 * 1_048_576, 'x') }]);
    let message = '';
    try {
      inspectWorkbookZip(file);
    } catch (e) {
      message = (e as DomainError).messageEn;
    }
    expect(message).toMatch(/compression ratio/);
  });

  it('refuses an entry that expands beyond its declared size, without producing more than that', async () => {
    const file = zip([{ name: 'xl/worksheets/sheet1.xml', data: xml(50_000), declared: 1000 }]);
    const entries = inspectWorkbookZip(file);
    await expect(verifyWorkbookSizes(file, entries)).rejects.toMatchObject({ code: 'WORKBOOK_TOO_LARGE' });
  });

  it('refuses an entry smaller than declared as unreadable', async () => {
    const file = zip([{ name: 'a.xml', data: xml(10), declared: 5000 }]);
    await expect(verifyWorkbookSizes(file, inspectWorkbookZip(file))).rejects.toMatchObject({ code: 'NOT_AN_XLSX' });
  });
});
