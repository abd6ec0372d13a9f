import type { AuthUser } from '../common/auth-user';
import type { BoothDto, FairDto, IntentDto, RegistrationDto, SlotDto } from './dto/fair.dto';
import type { BoothRow, FairRow, RegistrationRow, SlotRow } from './fairs.repository';

const isStaff = (user: AuthUser) => user.role === 'admin' || user.role === 'counsellor';

export function toBoothDto(b: BoothRow): BoothDto {
  return {
    id: b.id,
    fairId: b.fair_id,
    employerId: b.employer_id,
    employerName: b.employer_name,
    state: b.state,
    note: b.note,
    declineReason: b.decline_reason,
    orders: b.orders.map((o) => ({ orderId: o.orderId, title: o.title, occupationName: o.occupationName, headcount: o.headcount })),
    slotsTotal: b.slots_total,
    slotsFree: b.slots_free,
  };
}

/** The venue's name is for staff; everyone else learns the city only. */
export function toFairDto(f: FairRow, user: AuthUser, programme: BoothRow[]): FairDto {
  return {
    id: f.id,
    title: f.title,
    fairDate: f.fair_date,
    startsAt: f.starts_at,
    endsAt: f.ends_at,
    cityName: f.city_name,
    venueName: isStaff(user) ? f.venue_name : null,
    venueOrganisationId: isStaff(user) ? f.venue_organisation_id : null,
    boothCapacity: f.booth_capacity,
    boothsTaken: f.booths_taken,
    registrationDeadline: f.registration_deadline,
    description: f.description,
    state: f.state,
    programme: programme.map(toBoothDto),
    registered: f.registered,
  };
}

export function toSlotDto(s: SlotRow, user: AuthUser, mine: (s: SlotRow) => boolean): SlotDto {
  const employerView = user.role === 'employer' || user.role === 'admin';
  return {
    id: s.id,
    boothId: s.booth_id,
    employerName: s.employer_name,
    startsAt: new Date(s.starts_at).toISOString(),
    endsAt: new Date(s.ends_at).toISOString(),
    state: s.state,
    candidateCode: employerView || mine(s) ? s.candidate_code : null,
    mine: mine(s),
  };
}

export function toRegistrationDto(r: RegistrationRow, slots: SlotDto[]): RegistrationDto {
  return {
    id: r.id,
    fairId: r.fair_id,
    traineeId: r.trainee_id,
    traineeName: r.trainee_name,
    code: r.code,
    candidateCode: r.candidate_code,
    selfRegistered: r.self_registered,
    walkIn: r.walk_in,
    checkedInAt: r.checked_in_at ? new Date(r.checked_in_at).toISOString() : null,
    slots,
  };
}

export function toIntentDto(i: Record<string, unknown>, user: AuthUser): IntentDto {
  return {
    id: i.id as string,
    fairId: i.fair_id as string,
    orderId: i.order_id as string,
    orderTitle: i.order_title as string,
    employerName: i.employer_name as string,
    candidateCode: i.candidate_code as string,
    traineeName: user.role === 'employer' ? null : (i.trainee_name as string),
    state: i.state as IntentDto['state'],
    note: i.note as string | null,
    placementId: i.placement_id as string | null,
    createdAt: new Date(i.created_at as string).toISOString(),
  };
}
