import { RECOMMENDATION_REASONS } from '../reference/data/recommendation-reasons';
import type { CandidateDto, PlacementDto, PlacementEventDto } from './dto/placement.dto';
import type { PlacementEvent } from './placement.entity';
import type { CandidateRow, PlacementRow } from './placements.repository';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toPlacementEventDto(e: PlacementEvent): PlacementEventDto {
  return { fromState: e.fromState, toState: e.toState, actorRole: e.actorRole, assisted: e.assisted, note: e.note, at: e.at.toISOString() };
}

export function toPlacementDto(r: PlacementRow, events: PlacementEvent[]): PlacementDto {
  return {
    id: r.id,
    orderId: r.order_id,
    orderTitle: r.order_title,
    employerName: r.employer_name,
    occupationName: r.occupation_name,
    orderDivisionName: r.order_division_name,
    traineeId: r.trainee_id,
    traineeName: r.trainee_name,
    candidateCode: r.candidate_code,
    state: r.state,
    source: r.source,
    note: r.note,
    reasons: r.reasons,
    interviewAt: iso(r.interview_at),
    interviewPlace: r.interview_place,
    offeredWage: r.offered_wage,
    hiredOn: r.hired_on,
    endedOn: r.ended_on,
    contactShared: r.contact_shared,
    createdAt: new Date(r.created_at).toISOString(),
    events: events.map(toPlacementEventDto),
  };
}

/** Field by field: nothing reaches an employer that is not named here. */
export function toCandidateDto(r: CandidateRow): CandidateDto {
  return {
    placementId: r.placement_id,
    candidateCode: r.candidate_code,
    state: r.state,
    skills: r.skills,
    certificates: r.certificates.map((c) => ({ occupationName: c.occupationName, levelName: c.levelName, issuedYear: c.issuedYear })),
    diplomas: r.diplomas.map((d) => ({ programmeName: d.programmeName, schoolName: d.schoolName, graduatedYear: d.graduatedYear })),
    divisionName: r.division_name,
    preferredDivisionNames: r.preferred_division_names,
    preferredIndustries: r.preferred_industries,
    wageExpectation: r.wage_expectation,
    willingToLiveOnSite: r.willing_to_live_on_site,
    reasons: r.reasons.map((code) => ({ code, ...RECOMMENDATION_REASONS[code] })),
    interviewAt: iso(r.interview_at),
    interviewPlace: r.interview_place,
    offeredWage: r.offered_wage,
    hiredOn: r.hired_on,
    endedOn: r.ended_on,
    fullName: r.contact_shared ? r.full_name : null,
    phone: r.contact_shared ? r.phone : null,
    isNew: r.is_new,
  };
}
