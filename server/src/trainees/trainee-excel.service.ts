import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { type ParsedSkill, parseSkillText } from '../reference/skill-text';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { identityNumberProblem } from '../common/check-digits';
import { Clock } from '../common/clock';
import { FieldCipher } from '../common/crypto/field-cipher';
import { badRequest, DomainError } from '../common/domain-error';
import { ReferenceService } from '../reference/reference.service';
import { UsersService } from '../users/users.service';
import type { ImportProblemDto, ImportReportDto } from './dto/import.dto';
import type { TraineeQueryDto } from './dto/trainee.dto';
import { readRosterSheet, ROSTER_READ_LIMITS } from './roster-reader';
import { daysBetween } from './trainee.mapper';
import { EDUCATION_LEVELS, type EducationLevel } from './trainee.entity';
import { TraineesRepository } from './trainees.repository';
import { identityFacts } from './identity-number';
import { PRE_RELEASE_DAYS, TraineesService } from './trainees.service';
import { inspectWorkbookZip, verifyWorkbookSizes } from './workbook-inspection';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export { XLSX };

/** The roster template's columns, in order. */
const COLUMNS = [
  { key: 'fullName', zh: '姓名', required: true, width: 10 },
  { key: 'identityNumber', zh: '身份证号', required: true, width: 22 },
  { key: 'homeDivision', zh: '户籍市县（名称或代码）', required: true, width: 18 },
  { key: 'admittedOn', zh: '入所日期', required: true, width: 12 },
  { key: 'expectedReleaseOn', zh: '预计出所日期', required: true, width: 14 },
  { key: 'phone', zh: '手机号', required: false, width: 14 },
  { key: 'educationLevel', zh: '文化程度', required: false, width: 10 },
  { key: 'skills', zh: '技能（职业名称/等级，用顿号分隔，如 中式烹调师/五级）', required: false, width: 28 },
  { key: 'wageExpectation', zh: '期望月薪（元）', required: false, width: 14 },
  { key: 'willingToLiveOnSite', zh: '愿意住厂（是/否）', required: false, width: 16 },
  { key: 'workHistory', zh: '工作经历', required: false, width: 30 },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];

export const EDUCATION_LABELS: Record<EducationLevel, string> = {
  none: '未上学',
  primary: '小学',
  junior_high: '初中',
  senior_high: '高中',
  vocational: '中专/职高',
  college: '大专及以上',
};

const STATE_LABELS: Record<string, string> = {
  admitted: '在所',
  pre_release: '出所前准备',
  released: '已出所',
  community: '社区康复',
  closed: '已结案',
};

export interface ParsedRow {
  row: number;
  fullName: string;
  identityNumber: string;
  homeDivisionCode: string;
  admittedOn: string;
  expectedReleaseOn: string;
  phone: string | null;
  educationLevel: EducationLevel | null;
  skills: ParsedSkill[];
  wageExpectation: number | null;
  willingToLiveOnSite: boolean | null;
  workHistory: string | null;
}

function normaliseDate(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** A cell's text as echoed in a problem: a cell can hold megabytes, a message should not. */
const quote = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Problems listed in a report; a file of 5,000 bad rows would otherwise answer with megabytes of them. */
export const MAX_LISTED_PROBLEMS = 200;

/**
 * The first MAX_LISTED_PROBLEMS problems, then one line saying how many more there are (a line of
 * the list, so every client shows it; its row is where the unlisted ones begin, its field empty).
 */
function firstProblems(problems: ImportProblemDto[]): ImportProblemDto[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return [
    ...problems.slice(0, MAX_LISTED_PROBLEMS),
    {
      row: problems[MAX_LISTED_PROBLEMS]!.row,
      field: '',
      message: `……另有 ${more} 个问题未列出（最多列出 ${MAX_LISTED_PROBLEMS} 个）：请先改正以上各行，再检查一次。`,
      messageEn: `… and ${more} more problems (at most ${MAX_LISTED_PROBLEMS} are listed): fix the rows above and check again.`,
    },
  ];
}

/**
 * The facility roster in Excel: a template to download, a dry run that reports every bad row with
 * its reason, and an all-or-nothing import written in a handful of statements (10,000 rows in seconds).
 */
@Injectable()
export class TraineeExcelService {
  constructor(
    private readonly trainees: TraineesService,
    private readonly users: UsersService,
    private readonly reference: ReferenceService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly repository: TraineesRepository,
  ) {}

  async template(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('学员名册');
    ws.columns = COLUMNS.map((c) => ({ header: c.required ? `${c.zh} *` : c.zh, key: c.key, width: c.width }));
    ws.getRow(1).font = { bold: true };
    ws.addRow([
      '张三',
      '11010519491231002X',
      '海口市',
      '2025-03-01',
      '2027-03-01',
      '13800000000',
      '初中',
      '电工、烹饪',
      4000,
      '是',
      '建筑工地小工3年',
    ]);
    ws.getRow(2).font = { italic: true, color: { argb: 'FF888888' } };
    const help = wb.addWorksheet('填写说明');
    help.addRows([
      ['第一行是表头，第二行是示例（导入前请删除示例行）。带 * 的列必填。'],
      ['日期写成 2025-03-01；户籍市县写名称（如 海口市）或代码（如 460100）。'],
      [`文化程度可填：${Object.values(EDUCATION_LABELS).join('、')}。`],
      ['先点“检查”看每一行的问题，全部无误后再导入；导入要么全部成功，要么一行也不写入。'],
    ]);
    help.getColumn(1).width = 90;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async export(user: AuthUser, q: TraineeQueryDto, ctx: RequestContext): Promise<Buffer> {
    const rows = await this.trainees.listAll(user, q, ctx);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('学员');
    ws.columns = [
      { header: '姓名', key: 'fullName', width: 10 },
      { header: '性别', key: 'sex', width: 6 },
      { header: '年龄', key: 'age', width: 6 },
      { header: '身份证号（脱敏）', key: 'id', width: 22 },
      { header: '户籍', key: 'home', width: 16 },
      { header: '所在单位', key: 'org', width: 26 },
      { header: '状态', key: 'state', width: 12 },
      { header: '入所日期', key: 'admittedOn', width: 12 },
      { header: '预计出所', key: 'expectedReleaseOn', width: 12 },
      { header: '出所日期', key: 'releasedOn', width: 12 },
      { header: '同意就业匹配', key: 'consent', width: 12 },
      { header: '出所前准备', key: 'checklist', width: 12 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const r of rows) {
      ws.addRow({
        fullName: r.fullName,
        sex: r.sex === 'M' ? '男' : '女',
        age: r.age,
        id: r.identityNumberMasked,
        home: r.homeDivisionName,
        org: r.organisationName,
        state: STATE_LABELS[r.state],
        admittedOn: r.admittedOn,
        expectedReleaseOn: r.expectedReleaseOn,
        releasedOn: r.releasedOn ?? '',
        consent: r.jobMatchingConsent ? '是' : '否',
        checklist: r.checklistTotal ? `${r.checklistDone}/${r.checklistTotal}` : '',
      });
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** Checks every row; with `commit`, writes all of them or none. */
  async import(user: AuthUser, file: Buffer, commit: boolean, ctx: RequestContext): Promise<ImportReportDto> {
    const account = await this.users.findAccountWithOrganisation(user.id);
    if (!account || account.organisationType !== 'facility') {
      throw new DomainError(403, 'FACILITY_ONLY');
    }
    const { rows, problems } = await this.parse(file);
    const report: ImportReportDto = {
      rows: rows.length + new Set(problems.map((p) => p.row)).size,
      valid: rows.length,
      problems: firstProblems(problems),
      imported: 0,
      committed: false,
    };
    if (!commit || problems.length > 0 || rows.length === 0) {
      await this.audit.record({
        actor: user,
        action: 'trainee.import_check',
        result: 'success',
        ctx,
        detail: { rows: report.rows, problems: problems.length },
      });
      return report;
    }
    const today = this.clock.today();
    await this.dataSource.transaction(async (m) => {
      // Of the identity number only the ciphertext, the keyed hash, the sex, the birth year and the
      // last four characters are stored (see identityFacts).
      const ids = await this.repository.insertMany(
        rows.map((r) => ({
          ...identityFacts(r.identityNumber),
          fullName: r.fullName,
          identityNumberCipher: this.cipher.encrypt(r.identityNumber),
          identityNumberHash: this.cipher.lookupHash(r.identityNumber),
          homeDivisionCode: r.homeDivisionCode,
          state: daysBetween(today, r.expectedReleaseOn) <= PRE_RELEASE_DAYS ? 'pre_release' : 'admitted',
          admittedOn: r.admittedOn,
          expectedReleaseOn: r.expectedReleaseOn,
          phone: r.phone,
          educationLevel: r.educationLevel,
          skills: r.skills,
          wageExpectation: r.wageExpectation,
          willingToLiveOnSite: r.willingToLiveOnSite,
          workHistory: r.workHistory,
        })),
        user.organisationId,
        user.id,
        m,
      );
      const inserted = ids.map((r) => r.id);
      const pre = ids.filter((r) => r.state === 'pre_release').map((r) => r.id);
      await this.repository.recordStateChanges(
        inserted,
        { fromState: null, toState: 'admitted', changedBy: user.id, reason: '名册导入 · roster import' },
        m,
      );
      if (pre.length) {
        await this.repository.recordStateChanges(
          pre,
          {
            fromState: 'admitted',
            toState: 'pre_release',
            changedBy: null,
            reason: `预计出所不足${PRE_RELEASE_DAYS}天 · release within ${PRE_RELEASE_DAYS} days`,
          },
          m,
        );
        await this.repository.openChecklist(pre, m);
      }
      await this.audit.record({ actor: user, action: 'trainee.import', result: 'success', ctx, detail: { rows: inserted.length } }, m);
    });
    return { ...report, imported: rows.length, committed: true };
  }

  /**
   * Reads the workbook and validates every row, collecting every problem rather than stopping at the
   * first. The file is untrusted: its zip is checked against WORKBOOK_LIMITS before anything
   * decompresses it, and it is parsed in a worker thread (roster-reader.ts), never on the event loop.
   */
  async parse(file: Buffer): Promise<{ rows: ParsedRow[]; problems: ImportProblemDto[] }> {
    const entries = inspectWorkbookZip(file);
    await verifyWorkbookSizes(file, entries);
    const sheet = await readRosterSheet(file, COLUMNS.length);
    const header = sheet.header.map((h) => h.replace(/\s*\*$/, ''));
    if (header[0] !== COLUMNS[0].zh || header[1] !== COLUMNS[1].zh) {
      throw badRequest('WRONG_TEMPLATE');
    }
    if (sheet.count > ROSTER_READ_LIMITS.maxRows) {
      throw badRequest(
        'TOO_MANY_ROWS',
        { maxRows: ROSTER_READ_LIMITS.maxRows, count: sheet.count },
        { maxRows: ROSTER_READ_LIMITS.maxRows, rows: sheet.count },
      );
    }
    const divisions = await this.reference.divisions();
    const divisionByName = new Map(
      divisions.flatMap((d) => [
        [d.name, d.code],
        [d.name.replace(/(市|县|黎族自治县|黎族苗族自治县)$/, ''), d.code],
        [d.code, d.code],
      ]),
    );
    const occupations = await this.reference.occupationIndex();
    const rows: ParsedRow[] = [];
    const problems: ImportProblemDto[] = [];
    const seen = new Map<string, number>();
    const today = this.clock.now();
    for (const { n, cells } of sheet.rows) {
      const v = Object.fromEntries(COLUMNS.map((c, i) => [c.key, cells[i] ?? ''])) as Record<ColumnKey, string>;
      const bad = (field: ColumnKey, zh: string, en: string) => problems.push({ row: n, field, message: zh, messageEn: en });
      const before = problems.length;
      for (const c of COLUMNS) if (c.required && !v[c.key]) bad(c.key, `“${c.zh}”不能为空`, `${c.key} is required`);
      const id = v.identityNumber.toUpperCase();
      if (id) {
        const problem = identityNumberProblem(id, today);
        if (problem)
          bad(
            'identityNumber',
            `身份证号无效（${{ format: '格式', region: '地区码', birth_date: '出生日期', check_digit: '校验位' }[problem]}错误）`,
            `invalid identity number (${problem})`,
          );
        else if (seen.has(id)) bad('identityNumber', `与第${seen.get(id)}行身份证号重复`, `duplicates row ${seen.get(id)}`);
        else seen.set(id, n);
      }
      const home = v.homeDivision ? divisionByName.get(v.homeDivision.replace(/\s/g, '')) : undefined;
      if (v.homeDivision && !home)
        bad('homeDivision', `未知的市县“${quote(v.homeDivision)}”`, `unknown division "${quote(v.homeDivision)}"`);
      const admittedOn = v.admittedOn ? normaliseDate(v.admittedOn) : null;
      const expected = v.expectedReleaseOn ? normaliseDate(v.expectedReleaseOn) : null;
      if (v.admittedOn && !admittedOn) bad('admittedOn', `日期“${quote(v.admittedOn)}”无法识别（应写成 2025-03-01）`, 'unreadable date');
      if (v.expectedReleaseOn && !expected)
        bad('expectedReleaseOn', `日期“${quote(v.expectedReleaseOn)}”无法识别（应写成 2025-03-01）`, 'unreadable date');
      if (admittedOn && expected && expected < admittedOn) bad('expectedReleaseOn', '预计出所日期早于入所日期', 'release before admission');
      if (v.phone && !/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/.test(v.phone)) bad('phone', `手机号“${quote(v.phone)}”格式不对`, 'bad phone number');
      const education = v.educationLevel
        ? ((Object.entries(EDUCATION_LABELS).find(([, label]) => label === v.educationLevel)?.[0] ??
            (EDUCATION_LEVELS as readonly string[]).find((e) => e === v.educationLevel)) as EducationLevel | undefined)
        : null;
      if (education === undefined) bad('educationLevel', `文化程度“${quote(v.educationLevel)}”不在可选范围内`, 'unknown education level');
      const wage = v.wageExpectation ? Number(v.wageExpectation) : null;
      if (wage !== null && (!Number.isInteger(wage) || wage < 0 || wage > 100000))
        bad('wageExpectation', '期望月薪应为0到100000之间的整数', 'wage must be a whole number');
      const live =
        v.willingToLiveOnSite === ''
          ? null
          : ['是', 'Y', 'y', 'yes', '1'].includes(v.willingToLiveOnSite)
            ? true
            : ['否', 'N', 'n', 'no', '0'].includes(v.willingToLiveOnSite)
              ? false
              : undefined;
      if (live === undefined) bad('willingToLiveOnSite', '“愿意住厂”请填“是”或“否”', 'answer yes or no');
      if (v.fullName.length > 40) bad('fullName', '姓名过长', 'name too long');
      if (v.workHistory.length > 1000) bad('workHistory', '工作经历过长（最多1000字）', 'work history too long');
      // Skills are what employers read: each must name an occupation of the classification.
      const skills: ParsedSkill[] = [];
      for (const text of v.skills
        .split(/[、,，;；]/)
        .map((x) => x.trim())
        .filter(Boolean)
        .slice(0, 30)) {
        const skill = parseSkillText(text, occupations);
        if (skill) skills.push(skill);
        else
          bad(
            'skills',
            `技能“${quote(text)}”不是职业分类大典中的职业：请写职业名称或代码（如 中式烹调师/五级 或 4-03-02-01），其他情况写在档案的备注里`,
            `"${quote(text)}" is not an occupation of the classification: write an occupation name or code (e.g. 4-03-02-01), with a level if any`,
          );
      }
      if (problems.length > before) continue;
      rows.push({
        row: n,
        fullName: v.fullName,
        identityNumber: id,
        homeDivisionCode: home!,
        admittedOn: admittedOn!,
        expectedReleaseOn: expected!,
        phone: v.phone || null,
        educationLevel: education ?? null,
        skills,
        wageExpectation: wage,
        willingToLiveOnSite: live ?? null,
        workHistory: v.workHistory || null,
      });
    }
    // Against the database: people who already have a file.
    if (rows.length) {
      const hashes = rows.map((r) => this.cipher.lookupHash(r.identityNumber));
      const taken = await this.repository.takenIdentityHashes(hashes);
      for (let i = rows.length - 1; i >= 0; i--) {
        if (taken.has(hashes[i]!)) {
          problems.push({
            row: rows[i]!.row,
            field: 'identityNumber',
            message: '此身份证号已有学员档案',
            messageEn: 'already has a trainee record',
          });
          rows.splice(i, 1);
        }
      }
    }
    problems.sort((a, b) => a.row - b.row);
    return { rows, problems };
  }
}
