/**
 * Why a counsellor recommends someone, as an employer reads it: a fixed list, never free text.
 * Free text written by staff can say where a person has been ("在所内帮厨两年"); no word list makes it
 * safe, so nothing typed by staff reaches an employer. Codes are stored; words are rendered here.
 */
export const RECOMMENDATION_REASONS = {
  holds_certificate: { zh: '持有该工种证书', en: 'Holds a certificate for this occupation' },
  level_meets_requirement: { zh: '技能等级达到要求', en: 'Skill level meets the requirement' },
  order_class: { zh: '订单班在训或已结业', en: "Trained in this order's class" },
  related_course: { zh: '正在参加相关技能培训', en: 'In a related skills course' },
  diploma: { zh: '持有中专学历', en: 'Holds a secondary vocational diploma' },
  lives_nearby: { zh: '家在用工地附近', en: 'Lives near the workplace' },
  can_live_on_site: { zh: '可住宿', en: 'Can live on site' },
  wage_fits: { zh: '期望工资在岗位范围内', en: 'Wage expectation within the range' },
  can_start_on_time: { zh: '可按时到岗', en: 'Can start on the date' },
  good_attendance: { zh: '培训出勤良好', en: 'Good attendance in training' },
  related_experience: { zh: '有相关工作经验', en: 'Related work experience' },
  works_well_in_team: { zh: '团队协作良好', en: 'Works well in a team' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type RecommendationReason = keyof typeof RECOMMENDATION_REASONS;
export const RECOMMENDATION_REASON_CODES = Object.keys(RECOMMENDATION_REASONS) as RecommendationReason[];
