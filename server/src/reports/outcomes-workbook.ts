// The outcomes workbook: the four reports as sheets, and a first sheet that says what every number
// means. Writes only what the reports already decided to show (withheld cells stay "—").
import ExcelJS from 'exceljs';
import { SETTLE_MONTHS } from './cohort-cube';
import { type CohortSlice, cohortZh, countOf, GROUP_ZH } from './cohort-slice';
import type { AbstinenceReportDto, FairFunnelReportDto, FunnelQueryDto, MottoReportDto, OrderFunnelReportDto } from './dto/report.dto';
import { percent } from './rates';
import { ABSTINENCE_YEARS, EMPLOYMENT_MONTHS } from './reports.repository';

export interface OutcomesWorkbookInput {
  slice: CohortSlice;
  /** The narrowing, in words. */
  selection: string;
  q: FunnelQueryDto;
  motto: MottoReportDto;
  abstinence: AbstinenceReportDto;
  orders: OrderFunnelReportDto;
  fairs: FairFunnelReportDto;
}

export async function writeOutcomesWorkbook({
  slice,
  selection,
  q,
  motto,
  abstinence,
  orders,
  fairs,
}: OutcomesWorkbookInput): Promise<Buffer> {
  const k = motto.minCell;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jinbuhuan';
  const about = wb.addWorksheet('说明');
  about.columns = [{ width: 24 }, { width: 90 }];
  about.addRows([
    ['报表', '金不换 · 成效报表（掌握一项技能、获得一个文凭、谋得一份职业）'],
    ['统计日期', motto.asOf],
    ['出所队列', cohortZh(slice.cohort)],
    ['范围', selection],
    ['分组', GROUP_ZH[slice.groupBy]],
    ['订单/招聘会日期', `${q.from ?? '不限'} 至 ${q.to ?? '不限'}`],
    [
      '小样本隐藏',
      `少于 ${k} 人的组，或有该结果、没有该结果的人数为 1 至 ${k - 1} 人的组，比例和人数都不显示（“—”），以免识别到个人；` +
        '为使隐藏的数字不能由合计、其他行或其他报表相减推算出来，另有一些格也一并隐藏。各格为何隐藏不逐一说明：说明本身会泄露信息。',
    ],
    [
      '尚未公布',
      `一批人要到全部满该时长、再过 ${SETTLE_MONTHS} 个月（回访等记录齐全）后才公布该比例，此前记为“—”：数字逐日变动，前后两天相减就是一个人的情况。`,
    ],
    ['技能证书率', '已出所人员中持有至少一本职业技能等级证书的比例。'],
    ['文凭率', '已出所人员中获得中专文凭的比例。'],
    ['N个月就业率', '出所满 N 个月的人员中，在出所后第 N 个月有在职录用记录或第 N 个月回访为就业/自主创业的比例。'],
    [
      '操守保持率',
      '出所满 1/2/3 年的人员中，第 12/24/36 个月回访已联系到并记录操守状况者里保持操守的比例；“联系到”一列是其占应访人数的比例。',
    ],
  ]);
  about.getColumn(1).font = { bold: true };

  const m = wb.addWorksheet('技能文凭就业');
  m.addRow([
    GROUP_ZH[slice.groupBy],
    '出所人数',
    '证书人数',
    '证书率',
    '文凭人数',
    '文凭率',
    ...EMPLOYMENT_MONTHS.flatMap((n) => [`满${n}月人数`, `${n}月就业`, `${n}月就业率`]),
  ]);
  for (const r of [...motto.rows, motto.total]) {
    m.addRow([
      r.label,
      r.released,
      countOf(r.certificate),
      percent(r.certificate),
      countOf(r.diploma),
      percent(r.diploma),
      ...r.employed.flatMap((e) => [e.denominator, countOf(e), percent(e)]),
    ]);
  }

  const a = wb.addWorksheet('操守保持');
  a.addRow([
    GROUP_ZH[slice.groupBy],
    '出所人数',
    ...ABSTINENCE_YEARS.flatMap((y) => [
      `满${y}年人数`,
      `${y}年联系到`,
      `${y}年联系率`,
      `${y}年保持操守`,
      `${y}年操守保持率`,
      `${y}年检测核实`,
      `${y}年内再次入所`,
      `${y}年再入所率`,
    ]),
  ]);
  for (const r of [...abstinence.rows, abstinence.total]) {
    a.addRow([
      r.label,
      r.released,
      ...r.years.flatMap((y) => [
        y.eligible,
        countOf(y.reached),
        percent(y.reached),
        countOf(y.abstinent),
        percent(y.abstinent),
        countOf(y.testVerified),
        countOf(y.readmitted),
        percent(y.readmitted),
      ]),
    ]);
  }

  const o = wb.addWorksheet('订单漏斗');
  o.addRow([
    '订单',
    '用人单位',
    '职业',
    '招聘人数',
    '开放日期',
    '订单班培训',
    '取得对应证书',
    '推荐',
    '录用',
    '3个月仍在职',
    '6个月仍在职',
  ]);
  for (const r of orders.rows) {
    o.addRow([
      r.title,
      r.employerName,
      r.occupationName ?? r.occupationCode,
      r.headcount,
      r.openedOn,
      r.trained,
      r.certified,
      r.recommended,
      r.hired,
      percent(r.still3),
      percent(r.still6),
    ]);
  }
  o.addRow(['合计', '', '', '', '', ...orders.stages.slice(1, 5).map((s) => s.count), percent(orders.still3), percent(orders.still6)]);

  const f = wb.addWorksheet('招聘会漏斗');
  f.addRow(['招聘会', '日期', '城市', '报名', '签到', '面试', '意向', '录用']);
  for (const r of fairs.rows) f.addRow([r.title, r.fairDate, r.city, r.registered, r.checkedIn, r.interviewed, r.intents, r.hires]);
  f.addRow(['合计', '', '', ...fairs.stages.slice(1).map((s) => s.count)]);

  for (const ws of [m, a, o, f]) {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.columns.forEach((c) => (c.width = 14));
    ws.getColumn(1).width = 28;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
