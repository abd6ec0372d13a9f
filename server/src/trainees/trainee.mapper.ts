import type { TraineeDto, TraineeListItemDto } from './dto/trainee.dto';
import type { Trainee } from './trainee.entity';
import type { TraineeRow } from './trainees.repository';

const DAY = 86_400_000;

export const ageOn = (birthDate: string, today: string): number => {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
};

export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

export const maskedIdentity = (head: string | null, tail: string): string => `${head ?? '****'}**********${tail}`;

export function toTraineeListItem(r: TraineeRow, today: string): TraineeListItemDto {
  const inside = r.state === 'admitted' || r.state === 'pre_release';
  return {
    id: r.id,
    fullName: r.full_name,
    sex: r.sex,
    age: ageOn(r.birth_date, today),
    identityNumberMasked: maskedIdentity(r.identity_number_head, r.identity_number_tail),
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
  };
}

export function toTraineeDto(row: TraineeRow, t: Trainee, today: string, canReveal: boolean): TraineeDto {
  return {
    ...toTraineeListItem(row, today),
    birthDate: t.birthDate,
    phone: t.phone,
    educationLevel: t.educationLevel,
    workHistory: t.workHistory,
    skills: t.skills,
    preferredIndustries: t.preferredIndustries,
    preferredDivisions: t.preferredDivisions,
    wageExpectation: t.wageExpectation,
    willingToLiveOnSite: t.willingToLiveOnSite,
    hasAccount: t.userId !== null,
    canRevealIdentityNumber: canReveal,
    createdAt: t.createdAt.toISOString(),
  };
}
