import type { NamedVocabulary } from '../reference/reference.service';
import type { TraineeDto, TraineeListItemDto } from './dto/trainee.dto';
import type { Trainee } from './trainee.entity';
import type { TraineeRow } from './trainees.repository';

const DAY = 86_400_000;

/**
 * The age reached in `today`'s calendar year. From the birth year alone: the day of birth is not
 * stored in clear, and an age that ticks over on the birthday would give it away.
 */
export const ageIn = (birthYear: number, today: string): number => Number(today.slice(0, 4)) - birthYear;

/** The birth date inside an identity number: only for whoever may see the whole number (the trainee, or after the audited reveal). */
export const birthDateIn = (identityNumber: string): string =>
  `${identityNumber.slice(6, 10)}-${identityNumber.slice(10, 12)}-${identityNumber.slice(12, 14)}`;

export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/** The last four characters only (`**************123X`): no region, no birth date. */
export const maskedIdentity = (tail: string): string => `${'*'.repeat(14)}${tail}`;

export function toTraineeListItem(r: TraineeRow, today: string): TraineeListItemDto {
  const inside = r.state === 'admitted' || r.state === 'pre_release';
  return {
    id: r.id,
    fullName: r.full_name,
    sex: r.sex,
    age: ageIn(r.birth_year, today),
    identityNumberMasked: maskedIdentity(r.identity_number_tail),
    homeDivisionCode: r.home_division_code,
    homeDivisionName: r.home_division_name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    state: r.state,
    admittedOn: r.admitted_on,
    expectedReleaseOn: r.expected_release_on,
    releasedOn: r.released_on,
    daysToRelease: inside ? daysBetween(today, r.expected_release_on) : null,
    jobMatchingConsent: r.job_matching,
    checklistDone: r.checklist_done,
    checklistTotal: r.checklist_total,
    readOnly: r.read_only,
    lostContact: r.lost_contact,
  };
}

export function toTraineeDto(row: TraineeRow, t: Trainee, today: string, canReveal: boolean, vocabulary: NamedVocabulary): TraineeDto {
  return {
    ...toTraineeListItem(row, today),
    birthYear: t.birthYear,
    phone: t.phone,
    educationLevel: t.educationLevel,
    workHistory: t.workHistory,
    skills: vocabulary.skills,
    skillsNote: t.skillsNote,
    preferredIndustries: vocabulary.industries,
    preferredDivisions: t.preferredDivisions,
    wageExpectation: t.wageExpectation,
    willingToLiveOnSite: t.willingToLiveOnSite,
    hasAccount: t.userId !== null,
    canRevealIdentityNumber: canReveal,
    createdAt: t.createdAt.toISOString(),
    frozenAt: null,
  };
}
