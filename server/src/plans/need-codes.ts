/**
 * The needs assessment's fixed vocabulary: areas, levels, the items each area may list, and the
 * plain words shown for them. Kept in one file so the assessment, the automatic actions, the
 * blockers and the trainee's screen all read the same list. Words here reach the trainee's own
 * (possibly shared) phone: none names a facility, a programme or rehabilitation.
 */
export const NEED_AREAS = ['documents', 'housing', 'health', 'family', 'finance', 'education', 'work'] as const;
export type NeedArea = (typeof NEED_AREAS)[number];

export const NEED_LEVELS = ['none', 'some', 'urgent'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];

/** When the assessment was made: on admission, before release, or in the community after it. */
export const ASSESSMENT_STAGES = ['admission', 'pre_release', 'community'] as const;
export type AssessmentStage = (typeof ASSESSMENT_STAGES)[number];

/** The items an area may list: each is something missing or needed. Codes are unique across areas. */
export const NEED_CODES = {
  documents: ['id_card', 'hukou', 'social_security_card', 'bank_card'],
  housing: ['no_fixed_address', 'temporary_housing', 'family_home_unavailable', 'needs_rent_support'],
  health: ['medical_insurance', 'chronic_illness', 'medication_continuity', 'counselling_support'],
  family: ['family_contact', 'family_conflict', 'childcare', 'dependants_support'],
  finance: ['no_income', 'debt', 'living_allowance', 'travel_money'],
  education: ['literacy', 'diploma_unfinished', 'vocational_training'],
  work: ['no_work_history', 'job_search_support', 'skill_certificate', 'work_clothes_tools'],
} as const satisfies Record<NeedArea, readonly string[]>;
export type NeedCode = (typeof NEED_CODES)[NeedArea][number];

export const ALL_NEED_CODES: readonly NeedCode[] = NEED_AREAS.flatMap((a) => NEED_CODES[a] as readonly NeedCode[]);

export const isNeedCodeOf = (area: NeedArea, code: string): code is NeedCode => (NEED_CODES[area] as readonly string[]).includes(code);

/** Plain words for an area, [zh, en]. */
export const AREA_LABELS: Record<NeedArea, [string, string]> = {
  documents: ['证件', 'Documents'],
  housing: ['住处', 'Housing'],
  health: ['健康', 'Health'],
  family: ['家庭', 'Family'],
  finance: ['生活费用', 'Money'],
  education: ['学习', 'Learning'],
  work: ['工作', 'Work'],
};

/** Plain words for an item, [zh, en]: what is needed. */
export const NEED_LABELS: Record<NeedCode, [string, string]> = {
  id_card: ['身份证', 'ID card'],
  hukou: ['户口', 'Household registration'],
  social_security_card: ['社保卡', 'Social security card'],
  bank_card: ['银行卡', 'Bank card'],
  no_fixed_address: ['没有固定住处', 'No fixed address'],
  temporary_housing: ['需要临时住处', 'Needs a temporary place to stay'],
  family_home_unavailable: ['不能回家住', 'Cannot live at the family home'],
  needs_rent_support: ['需要房租帮助', 'Needs help with rent'],
  medical_insurance: ['医保', 'Medical insurance'],
  chronic_illness: ['慢性病', 'Long-term illness'],
  medication_continuity: ['需要持续用药', 'Needs continued medication'],
  counselling_support: ['需要心理支持', 'Needs someone to talk to'],
  family_contact: ['联系家人', 'Getting in touch with family'],
  family_conflict: ['家庭矛盾', 'Family difficulties'],
  childcare: ['照顾孩子', 'Childcare'],
  dependants_support: ['赡养家人', 'Supporting dependants'],
  no_income: ['没有收入', 'No income'],
  debt: ['欠债', 'Debt'],
  living_allowance: ['低保或生活补助', 'Living allowance'],
  travel_money: ['路费', 'Travel money'],
  literacy: ['识字', 'Reading and writing'],
  diploma_unfinished: ['学历未完成', 'Unfinished diploma'],
  vocational_training: ['职业培训', 'Vocational training'],
  no_work_history: ['没有工作经历', 'No work experience'],
  job_search_support: ['找工作帮助', 'Help finding a job'],
  skill_certificate: ['技能证书', 'Skill certificate'],
  work_clothes_tools: ['工装和工具', 'Work clothes and tools'],
};

/** The title of an action opened for an item: a fixed text, [zh, en]. */
export const NEED_ACTION_TITLES: Record<NeedCode, [string, string]> = {
  id_card: ['办理身份证', 'Get an ID card'],
  hukou: ['办理户口', 'Register the household registration'],
  social_security_card: ['办理社保卡', 'Get a social security card'],
  bank_card: ['办理银行卡', 'Open a bank account'],
  no_fixed_address: ['找到固定住处', 'Find a fixed address'],
  temporary_housing: ['安排临时住处', 'Arrange a temporary place to stay'],
  family_home_unavailable: ['商量住处', 'Talk about where to live'],
  needs_rent_support: ['申请房租帮助', 'Apply for rent support'],
  medical_insurance: ['办理医保', 'Sign up for medical insurance'],
  chronic_illness: ['安排看病', 'Arrange a doctor'],
  medication_continuity: ['安排续药', 'Arrange continued medication'],
  counselling_support: ['约谈心理老师', 'Meet a counsellor to talk'],
  family_contact: ['联系家人', 'Get in touch with family'],
  family_conflict: ['家庭沟通', 'Family conversation'],
  childcare: ['安排照顾孩子', 'Arrange childcare'],
  dependants_support: ['了解赡养帮助', 'Ask about support for dependants'],
  no_income: ['申请临时救助', 'Apply for emergency support'],
  debt: ['制定还款计划', 'Make a repayment plan'],
  living_allowance: ['申请生活补助', 'Apply for a living allowance'],
  travel_money: ['准备路费', 'Arrange travel money'],
  literacy: ['参加识字学习', 'Join reading and writing lessons'],
  diploma_unfinished: ['完成学历', 'Finish the diploma'],
  vocational_training: ['报名职业培训', 'Sign up for vocational training'],
  no_work_history: ['准备简历', 'Prepare a CV'],
  job_search_support: ['参加招聘会', 'Go to a job fair'],
  skill_certificate: ['考技能证书', 'Take a skill certificate'],
  work_clothes_tools: ['准备工装和工具', 'Get work clothes and tools'],
};

/**
 * A missing item that stops a next step (a labour contract needs an ID card; wages go to a bank
 * card) — the readiness and matching explanations name these codes.
 */
export const BLOCKER_CODES = ['no_id_card', 'no_bank_card'] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];
export const BLOCKING_NEEDS: Partial<Record<NeedCode, BlockerCode>> = { id_card: 'no_id_card', bank_card: 'no_bank_card' };

/** The motto's three goals (一技之长、一纸文凭、一份工作) and the person's own. */
export const GOAL_KINDS = ['skill', 'diploma', 'job', 'own'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];
export const MOTTO_GOAL_KINDS = ['skill', 'diploma', 'job'] as const satisfies readonly GoalKind[];
export const GOAL_LABELS: Record<Exclude<GoalKind, 'own'>, [string, string]> = {
  skill: ['学一门技能', 'Learn a skill'],
  diploma: ['拿一张文凭', 'Earn a diploma'],
  job: ['找一份工作', 'Find a job'],
};
export const GOAL_STATUSES = ['open', 'achieved', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const ACTION_OWNERS = ['trainee', 'counsellor', 'station'] as const;
export type ActionOwner = (typeof ACTION_OWNERS)[number];
export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
