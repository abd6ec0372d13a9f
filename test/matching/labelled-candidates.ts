/**
 * A small labelled set: one order and the trainees a careful counsellor would weigh for it, with
 * the order she would put them in (and those she could not put forward at all). The matching test
 * loads it into a fresh database and checks the ranking agrees.
 *
 * The order: 中式烹调师 (4-03-02-01), 五级 or better required, in 海口 (460100), board and lodging,
 * 4,000–6,000 yuan, starting in 60 days.
 */
export interface LabelledTrainee {
  key: string;
  /** Certificate level held for 中式烹调师 (5 = 五级 … 1 = 一级), or null. */
  certLevel: number | null;
  /** Enrolled in a 中式烹调师 course right now. */
  inTraining: boolean;
  homeDivision: string;
  willingToLiveOnSite: boolean | null;
  wageExpectation: number | null;
  ready: boolean | null;
  consent: boolean;
  /** Released, or still inside and released this many days from now. */
  releaseInDays: number | null;
  hiredElsewhere?: boolean;
  why: string;
}

export const LABELLED_ORDER = {
  occupationCode: '4-03-02-01',
  requiredLevel: 5,
  divisionCode: '460100',
  boardAndLodging: 'both',
  wageMin: 4000,
  wageMax: 6000,
  startInDays: 60,
};

export const LABELLED_TRAINEES: LabelledTrainee[] = [
  {
    key: 'A',
    certLevel: 4,
    inTraining: false,
    homeDivision: '460100',
    willingToLiveOnSite: true,
    wageExpectation: 4500,
    ready: true,
    consent: true,
    releaseInDays: null,
    why: '四级证书，家在海口，愿住宿舍，辅导员评估可上岗：第一人选',
  },
  {
    key: 'B',
    certLevel: 5,
    inTraining: false,
    homeDivision: '469023',
    willingToLiveOnSite: null,
    wageExpectation: 5000,
    ready: null,
    consent: true,
    releaseInDays: 20,
    why: '五级证书（达标），家在相邻的澄迈，开工前出所',
  },
  {
    key: 'C',
    certLevel: null,
    inTraining: true,
    homeDivision: '460100',
    willingToLiveOnSite: null,
    wageExpectation: 4000,
    ready: null,
    consent: true,
    releaseInDays: null,
    why: '还没有证书但正在学中式烹调，家在海口',
  },
  {
    key: 'D',
    certLevel: 5,
    inTraining: false,
    homeDivision: '460200',
    willingToLiveOnSite: false,
    wageExpectation: 8000,
    ready: null,
    consent: true,
    releaseInDays: null,
    why: '有证书，但家在三亚、不愿住宿舍、工资期望远高于订单',
  },
  {
    key: 'E',
    certLevel: null,
    inTraining: false,
    homeDivision: '460100',
    willingToLiveOnSite: null,
    wageExpectation: 4000,
    ready: null,
    consent: true,
    releaseInDays: null,
    why: '家在海口，但既无证书也没在学',
  },
  {
    key: 'no-consent',
    certLevel: 3,
    inTraining: false,
    homeDivision: '460100',
    willingToLiveOnSite: true,
    wageExpectation: 4500,
    ready: true,
    consent: false,
    releaseInDays: null,
    why: '条件最好，但没有同意参加匹配：绝不能出现',
  },
  {
    key: 'late',
    certLevel: 4,
    inTraining: false,
    homeDivision: '460100',
    willingToLiveOnSite: true,
    wageExpectation: 4500,
    ready: true,
    consent: true,
    releaseInDays: 120,
    why: '开工日后才出所：不可用',
  },
  {
    key: 'working',
    certLevel: 4,
    inTraining: false,
    homeDivision: '460100',
    willingToLiveOnSite: true,
    wageExpectation: 4500,
    ready: true,
    consent: true,
    releaseInDays: null,
    hiredElsewhere: true,
    why: '已在别的单位上班：不可用',
  },
];

/** The careful counsellor's order for those who can be put forward. */
export const EXPECTED_ORDER = ['A', 'B', 'C', 'D', 'E'];
export const NEVER_LISTED = ['no-consent', 'late', 'working'];
