import type { BoothDto, FairDto, IntentDto, RegistrationDto, SlotDto } from './dto/fair.dto';
import type { BoothRow } from './booths.repository';
import type { RegistrationRow } from './fair-registrations.repository';
import type { FairRow } from './fairs.repository';
import type { IntentRow, SlotRow } from './interviews.repository';

/*
 * The mappers decide nothing: what the caller may see arrives as flags the service got from the
 * access policy (server/src/access/policies/fairs.policy.ts).
 */

/**
 * Who reads a booth's free text, decided by the access policy (fairs.policy.ts):
 * - `notes`: the note on the application, the organisers' working text about the booth. Staff-only
 *   (`fair.booth.readNotes`): never in an employer's answer — not another employer's booth, and not
 *   its own either (whatever the organisers keep there is theirs; the employer knows what it asked).
 * - `decision`: the reason an application was declined, written for the employer whose booth it is
 *   (and the admins who decide): `fair.booth.manage`.
 * Everyone else — another employer, the trainee side, the programme — reads what a fair-goer
 * sees: the company's name and the orders it brings.
 */
export interface BoothAudience {
  readonly notes: boolean;
  readonly decision: boolean;
}

/** The programme's view of a booth: no free text at all. */
export const FAIR_GOER: BoothAudience = { notes: false, decision: false };

export function toBoothDto(b: BoothRow, audience: BoothAudience): BoothDto {
  return {
    id: b.id,
    fairId: b.fair_id,
    employerId: b.employer_id,
    employerName: b.employer_name,
    state: b.state,
    note: audience.notes ? b.note : null,
    declineReason: audience.decision ? b.decline_reason : null,
    orders: b.orders.map((o) => ({ orderId: o.orderId, title: o.title, occupationName: o.occupationName, headcount: o.headcount })),
    slotsTotal: b.slots_total,
    slotsFree: b.slots_free,
  };
}

/**
 * The venue's name is for staff (`seeVenue`); everyone else learns the city only. The description is
 * the bureau's free text (it may well name the venue): staff only too. The programme is public.
 */
export function toFairDto(f: FairRow, seeVenue: boolean, programme: BoothRow[]): FairDto {
  return {
    id: f.id,
    title: f.title,
    fairDate: f.fair_date,
    startsAt: f.starts_at,
    endsAt: f.ends_at,
    cityName: f.city_name,
    venueName: seeVenue ? f.venue_name : null,
    venueOrganisationId: seeVenue ? f.venue_organisation_id : null,
    boothCapacity: f.booth_capacity,
    boothsTaken: f.booths_taken,
    registrationDeadline: f.registration_deadline,
    description: seeVenue ? f.description : null,
    state: f.state,
    programme: programme.map((b) => toBoothDto(b, FAIR_GOER)),
    registered: f.registered,
  };
}

/** `seeHolders`: the booth's side sees who holds each slot; `mine`: the caller (or their trainee) holds this one. */
export function toSlotDto(s: SlotRow, seeHolders: boolean, mine: boolean): SlotDto {
  return {
    id: s.id,
    boothId: s.booth_id,
    employerName: s.employer_name,
    startsAt: new Date(s.starts_at).toISOString(),
    endsAt: new Date(s.ends_at).toISOString(),
    state: s.state,
    candidateCode: seeHolders || mine ? s.candidate_code : null,
    mine,
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

/**
 * An intent. `seeName`: the caller may know the trainee by name (an employer knows the candidate
 * code until the trainee confirms). The note is the proposing employer's own words, so it goes back
 * to that employer and to the trainee side; nobody else writes on an intent.
 */
export function toIntentDto(i: IntentRow, seeName: boolean): IntentDto {
  return {
    id: i.id,
    fairId: i.fair_id,
    orderId: i.order_id,
    orderTitle: i.order_title,
    employerName: i.employer_name,
    candidateCode: i.candidate_code,
    traineeName: seeName ? i.trainee_name : null,
    state: i.state,
    note: i.note,
    placementId: i.placement_id,
    createdAt: new Date(i.created_at).toISOString(),
  };
}
