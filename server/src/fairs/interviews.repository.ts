import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FairIntent, FairSlot, type IntentState, type SlotState } from './fair.entities';

export interface SlotRow {
  id: string;
  booth_id: string;
  employer_id: string;
  employer_name: string;
  fair_id: string;
  starts_at: Date;
  ends_at: Date;
  state: SlotState;
  registration_id: string | null;
  trainee_id: string | null;
  candidate_code: string | null;
}

export interface IntentRow {
  id: string;
  fair_id: string;
  order_id: string;
  order_title: string;
  employer_name: string;
  employer_id: string;
  candidate_code: string;
  trainee_name: string;
  trainee_organisation_id: string;
  trainee_user_id: string | null;
  state: IntentState;
  note: string | null;
  placement_id: string | null;
  created_at: Date;
  registration_id: string;
  trainee_id: string;
}

/** Who holds a slot: a registration, and its trainee (copied so the overlap constraint can see it). */
export interface SlotHolder {
  registrationId: string;
  traineeId: string;
}

/** A new intent (意向书), proposed by an employer's account. */
export interface NewIntent {
  fairId: string;
  registrationId: string;
  orderId: string;
  note: string | null;
  createdBy: string;
}

/** The trainee's (or their counsellor's) answer to an intent. */
export interface IntentAnswer {
  state: 'confirmed' | 'declined';
  answeredBy: string;
  answeredAt: Date;
  answeredAssisted: boolean;
}

const SLOT_SELECT = `SELECT s.id, s.booth_id, b.employer_id, e.name AS employer_name, b.fair_id, s.starts_at, s.ends_at, s.state,
    s.registration_id, s.trainee_id, r.candidate_code
  FROM fair_slot s JOIN fair_booth b ON b.id = s.booth_id JOIN organisation e ON e.id = b.employer_id
  LEFT JOIN fair_registration r ON r.id = s.registration_id`;

const INTENT_SELECT = `SELECT i.id, i.fair_id, i.order_id, o.title AS order_title, e.name AS employer_name, o.employer_id, r.candidate_code,
    t.full_name AS trainee_name, t.organisation_id AS trainee_organisation_id, t.user_id AS trainee_user_id, i.state, i.note,
    i.placement_id, i.created_at, i.registration_id, r.trainee_id
  FROM fair_intent i JOIN job_order o ON o.id = i.order_id JOIN organisation e ON e.id = o.employer_id
  JOIN fair_registration r ON r.id = i.registration_id JOIN trainee t ON t.id = r.trainee_id`;

/** Interview slots at booths, and the intents (意向书) agreed at a fair. */
@Injectable()
export class InterviewsRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ——— slots ———

  /** A booth's slots, but the cancelled ones. */
  slotsOfBooth(boothId: string): Promise<SlotRow[]> {
    return this.dataSource.query<SlotRow[]>(
      `${SLOT_SELECT} WHERE s.booth_id = $1 AND s.state <> 'cancelled' ORDER BY s.starts_at, e.name, s.id`,
      [boothId],
    );
  }

  /** The slots held under these registrations (invited or booked). */
  slotsOfRegistrations(registrationIds: string[]): Promise<SlotRow[]> {
    return this.dataSource.query<SlotRow[]>(
      `${SLOT_SELECT} WHERE s.registration_id = ANY ($1::uuid[]) ORDER BY s.starts_at, e.name, s.id`,
      [registrationIds],
    );
  }

  async slot(id: string, m?: EntityManager): Promise<SlotRow | null> {
    return (await (m ?? this.dataSource.manager).query<SlotRow[]>(`${SLOT_SELECT} WHERE s.id = $1`, [id]))[0] ?? null;
  }

  /** Open slots at a booth, one per time range. */
  async insertOpenSlots(boothId: string, times: { startsAt: Date; endsAt: Date }[], m: EntityManager): Promise<void> {
    await m.getRepository(FairSlot).insert(times.map((t) => ({ boothId, startsAt: t.startsAt, endsAt: t.endsAt, state: 'open' as const })));
  }

  /**
   * Gives an open slot to a registration (invited or booked): one conditional update decides who
   * gets it. False when the slot was not open. A second slot overlapping one the trainee already
   * holds fails on `ex_fair_slot_trainee_overlap`.
   */
  async holdOpenSlot(
    slotId: string,
    holder: SlotHolder,
    state: 'invited' | 'booked',
    assisted: boolean,
    m: EntityManager,
  ): Promise<boolean> {
    const [rows] = await m.query<[unknown[], number]>(
      `UPDATE fair_slot SET state = $2, registration_id = $3, trainee_id = $4, booked_assisted = $5
        WHERE id = $1 AND state = 'open' RETURNING id`,
      [slotId, state, holder.registrationId, holder.traineeId, assisted],
    );
    return rows.length > 0;
  }

  /** The invited registration accepts: the slot becomes booked (only if still invited for it). */
  async acceptInvitation(slotId: string, registrationId: string, assisted: boolean, m: EntityManager): Promise<void> {
    await m.getRepository(FairSlot).update({ id: slotId, state: 'invited', registrationId }, { state: 'booked', bookedAssisted: assisted });
  }

  /** The slot held by this registration opens again; false when it was not held by it. */
  async releaseSlot(slotId: string, registrationId: string, m: EntityManager): Promise<boolean> {
    const res = await m
      .getRepository(FairSlot)
      .update({ id: slotId, registrationId }, { state: 'open', registrationId: null, traineeId: null, bookedAssisted: false });
    return !!res.affected;
  }

  // ——— intents ———

  /** Every intent of a fair; who sees which is the access policy's to say. */
  intentsOfFair(fairId: string): Promise<IntentRow[]> {
    return this.dataSource.query<IntentRow[]>(`${INTENT_SELECT} WHERE i.fair_id = $1 ORDER BY i.created_at, i.id`, [fairId]);
  }

  async intent(id: string): Promise<IntentRow | null> {
    return (await this.dataSource.query<IntentRow[]>(`${INTENT_SELECT} WHERE i.id = $1`, [id]))[0] ?? null;
  }

  /** A proposed intent; returns its id. A second one for the same registration and order fails on `uq_fair_intent`. */
  async insertIntent(i: NewIntent, m: EntityManager): Promise<string> {
    const repo = m.getRepository(FairIntent);
    return (await repo.save(repo.create({ ...i, state: 'proposed' }))).id;
  }

  /** Records the answer if the intent is still proposed; false when it had been answered. */
  async answerIntent(id: string, answer: IntentAnswer, m: EntityManager): Promise<boolean> {
    const res = await m.getRepository(FairIntent).update({ id, state: 'proposed' }, answer);
    return !!res.affected;
  }

  async linkPlacement(intentId: string, placementId: string, m: EntityManager): Promise<void> {
    await m.getRepository(FairIntent).update({ id: intentId }, { placementId });
  }
}
