/**
 * One word per concept, Chinese and English (docs/words.md). Dictionaries use these words; a new
 * string that names one of these concepts takes the word from here, never a synonym. The words
 * spec (test/browser/words.browser-spec.ts) keeps raw codes and the other language off the pages.
 */
export const GLOSSARY = {
  /** The staff member who accompanies a person through rehabilitation and release. Not 指导员, 管教. */
  counsellor: { zh: '辅导员', en: 'counsellor' },
  /** The person the app serves. Never 戒毒人员, 吸毒人员 or any word naming the rehab history. */
  trainee: { zh: '学员', en: 'trainee' },
  /** A visit or call after release. Not 走访, 随访. */
  followUp: { zh: '回访', en: 'follow-up' },
  /** Where community rehabilitation is supervised. Not 社区康复站. */
  communityStation: { zh: '社区康复指导站', en: 'community rehabilitation station' },
  /** The compulsory isolation rehabilitation facility. */
  facility: { zh: '戒毒所', en: 'facility' },
  /** The provincial bureau that runs the system. */
  bureau: { zh: '戒毒管理局', en: 'bureau' },
  /** A company that hires. Not 企业, 公司 in interface text. */
  employer: { zh: '用人单位', en: 'employer' },
  /** An employer's request for workers. */
  jobOrder: { zh: '用工订单', en: 'job order' },
  /** A counsellor putting a trainee forward for an order. */
  recommend: { zh: '推荐', en: 'recommend' },
  /** Job fair. */
  fair: { zh: '招聘会', en: 'job fair' },
  /** The national vocational skill certificate. */
  skillCertificate: { zh: '职业技能等级证书', en: 'skill certificate' },
  /** The five levels, 5 (entry) to 1 (senior technician): never shown as 五级/初级工 in English. */
  skillLevel: { zh: '技能等级', en: 'skill level' },
  /** Secondary vocational diploma (中专). */
  diploma: { zh: '中专文凭', en: 'secondary vocational diploma' },
  /** Release from the facility. */
  release: { zh: '出所', en: 'release' },
  /** The release plan and its steps. */
  releasePlan: { zh: '出所计划', en: 'release plan' },
  /** Handing a trainee over from the facility to the community station. */
  handover: { zh: '交接', en: 'handover' },
  /** Moving a trainee between stations. */
  transfer: { zh: '转介', en: 'transfer' },
  /** Staying drug-free (reports). */
  abstinence: { zh: '操守保持', en: 'abstinence' },
  /** Consent a trainee gives or withdraws. */
  consent: { zh: '授权', en: 'consent' },
  /** Sealing a record so that it is no longer shown. */
  seal: { zh: '封存', en: 'seal' },
  /** The audit log. */
  auditLog: { zh: '操作日志', en: 'audit log' },
} as const satisfies Readonly<Record<string, { readonly zh: string; readonly en: string }>>;

export type GlossaryConcept = keyof typeof GLOSSARY;

/**
 * Register: staff pages address the reader as 您; the trainee portal (/me, /learning, /matching/me,
 * the trainee's home) uses 你 — plain, warm, short sentences.
 */
export const REGISTER = { staff: '您', trainee: '你' } as const;
