import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Runs SQL for a rule; a DataSource or the EntityManager of the caller's transaction. */
export type Querier = Pick<EntityManager, 'query'>;

/** Rows that belong to one trainee each: a rule over them asks the trainee rules (`traineesOf`). */
export type TraineeLinkedRows = 'class_enrolment' | 'session_enrolment' | 'diploma';

/** Which side of a handover: the sending organisation, the receiving one, or either. */
export type HandoverSide = 'sender' | 'receiver' | 'either';

/** Each query's own SQL for `traineesOf`: written here, chosen by a typed name (never SQL from a caller). */
const TRAINEE_LINKS: Record<TraineeLinkedRows, string> = {
  class_enrolment: `SELECT id, trainee_id FROM class_enrolment WHERE id = ANY($1::uuid[])`,
  session_enrolment: `SELECT id, trainee_id FROM session_enrolment WHERE id = ANY($1::uuid[])`,
  diploma: `SELECT id, trainee_id FROM diploma WHERE id = ANY($1::uuid[])`,
};

const HANDOVER_SIDES: Record<HandoverSide, string> = {
  sender: `SELECT id FROM handover WHERE id = ANY($1::uuid[]) AND from_organisation_id = $2`,
  receiver: `SELECT id FROM handover WHERE id = ANY($1::uuid[]) AND to_organisation_id = $2`,
  either: `SELECT id FROM handover WHERE id = ANY($1::uuid[]) AND (from_organisation_id = $2 OR to_organisation_id = $2)`,
};

/** Which side of a station transfer: the sending station (until accepted), the receiving one, or either. */
export type TransferSide = 'sender' | 'receiver' | 'either';

const TRANSFER_SIDES: Record<TransferSide, string> = {
  sender: `SELECT id FROM station_transfer WHERE id = ANY($1::uuid[]) AND from_station_id = $2 AND state <> 'accepted'`,
  receiver: `SELECT id FROM station_transfer WHERE id = ANY($1::uuid[]) AND to_station_id = $2`,
  either: `SELECT id FROM station_transfer WHERE id = ANY($1::uuid[])
            AND ((from_station_id = $2 AND state <> 'accepted') OR to_station_id = $2)`,
};

/**
 * The SQL of the access policy (`policies/*.policy.ts` say which question answers which rule).
 * Every method is one query over the `wanted` ids and returns the ones that pass; unknown ids are
 * simply absent. `m`: the caller's transaction, when the decision is taken inside one.
 *
 * These queries read every domain's tables on purpose: the access policy is the one place that
 * decides who reaches which row, and asking each module's service would spread it out again.
 */
@Injectable()
export class AccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  private async ids(sql: string, params: unknown[], m?: Querier): Promise<string[]> {
    const rows = await (m ?? this.dataSource).query<{ id: string }[]>(sql, params);
    return rows.map((r) => r.id);
  }

  // ---- trainees ----

  /**
   * Trainees an organisation reads: those it holds, those it handed over (what it recorded stays
   * readable to it) and those being handed over to it.
   */
  traineesReadableByOrganisation(wanted: string[], organisationId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT t.id FROM trainee t WHERE t.id = ANY($1::uuid[]) AND (t.organisation_id = $2 OR EXISTS (
         SELECT 1 FROM handover h WHERE h.trainee_id = t.id AND (
           (h.from_organisation_id = $2 AND h.state = 'completed') OR (h.to_organisation_id = $2 AND h.state IN ('sent', 'accepted')))))`,
      [wanted, organisationId],
      m,
    );
  }

  /** Trainees the organisation holds. */
  traineesHeldByOrganisation(wanted: string[], organisationId: string, m?: Querier): Promise<string[]> {
    return this.ids(`SELECT id FROM trainee WHERE id = ANY($1::uuid[]) AND organisation_id = $2`, [wanted, organisationId], m);
  }

  /** The trainee record of an account. */
  traineesOfUser(wanted: string[], userId: string, m?: Querier): Promise<string[]> {
    return this.ids(`SELECT id FROM trainee WHERE id = ANY($1::uuid[]) AND user_id = $2`, [wanted, userId], m);
  }

  /** For rows that each belong to a trainee: which trainee. */
  async traineesOf(rows: TraineeLinkedRows, wanted: string[], m?: Querier): Promise<{ id: string; traineeId: string }[]> {
    const found = await (m ?? this.dataSource).query<{ id: string; trainee_id: string }[]>(TRAINEE_LINKS[rows], [wanted]);
    return found.map((r) => ({ id: r.id, traineeId: r.trainee_id }));
  }

  // ---- learning: 中专 classes and skills-course sessions ----

  /** Classes the account heads. */
  classesHeadedBy(wanted: string[], userId: string, m?: Querier): Promise<string[]> {
    return this.ids(`SELECT id FROM diploma_class WHERE id = ANY($1::uuid[]) AND head_teacher_id = $2`, [wanted, userId], m);
  }

  /** Enrolments in a class the account heads. */
  classEnrolmentsHeadedBy(wanted: string[], userId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT e.id FROM class_enrolment e JOIN diploma_class c ON c.id = e.class_id WHERE e.id = ANY($1::uuid[]) AND c.head_teacher_id = $2`,
      [wanted, userId],
      m,
    );
  }

  /** Enrolments in a programme of the school. */
  classEnrolmentsOfSchool(wanted: string[], schoolId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT e.id FROM class_enrolment e JOIN diploma_class c ON c.id = e.class_id JOIN programme p ON p.id = c.programme_id
        WHERE e.id = ANY($1::uuid[]) AND p.school_id = $2`,
      [wanted, schoolId],
      m,
    );
  }

  /** Diplomas whose graduating enrolment was in a class the account heads. */
  diplomasOfClassesHeadedBy(wanted: string[], userId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT d.id FROM diploma d JOIN class_enrolment e ON e.id = d.enrolment_id JOIN diploma_class c ON c.id = e.class_id
        WHERE d.id = ANY($1::uuid[]) AND c.head_teacher_id = $2`,
      [wanted, userId],
      m,
    );
  }

  /** Sessions the account teaches. */
  sessionsTaughtBy(wanted: string[], userId: string, m?: Querier): Promise<string[]> {
    return this.ids(`SELECT id FROM course_session WHERE id = ANY($1::uuid[]) AND instructor_id = $2`, [wanted, userId], m);
  }

  /** Enrolments in a session the account teaches. */
  sessionEnrolmentsTaughtBy(wanted: string[], userId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT e.id FROM session_enrolment e JOIN course_session s ON s.id = e.session_id WHERE e.id = ANY($1::uuid[]) AND s.instructor_id = $2`,
      [wanted, userId],
      m,
    );
  }

  // ---- orders ----

  /** An employer's own orders, in any state. */
  ordersOfEmployer(wanted: string[], employerId: string, m?: Querier): Promise<string[]> {
    return this.ids(`SELECT id FROM job_order WHERE id = ANY($1::uuid[]) AND employer_id = $2`, [wanted, employerId], m);
  }

  /** Orders that are published (open). */
  openOrders(wanted: string[], m?: Querier): Promise<string[]> {
    return this.ids(`SELECT id FROM job_order WHERE id = ANY($1::uuid[]) AND state = 'open'`, [wanted], m);
  }

  /** Orders that were ever published (open, filled or closed). */
  everPublishedOrders(wanted: string[], m?: Querier): Promise<string[]> {
    return this.ids(`SELECT id FROM job_order WHERE id = ANY($1::uuid[]) AND state <> 'draft'`, [wanted], m);
  }

  /** An employer's own orders that are open now. */
  openOrdersOfEmployer(wanted: string[], employerId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT id FROM job_order WHERE id = ANY ($1::uuid[]) AND employer_id = $2 AND state = 'open'`,
      [wanted, employerId],
      m,
    );
  }

  // ---- placements ----

  /** Placements of the trainees an organisation holds. */
  placementsOfHeldTrainees(wanted: string[], organisationId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT p.id FROM placement p JOIN trainee t ON t.id = p.trainee_id WHERE p.id = ANY($1::uuid[]) AND t.organisation_id = $2`,
      [wanted, organisationId],
      m,
    );
  }

  /** Placements on an employer's orders: never suggestions, never a trainee who withdrew matching consent. */
  placementsOnEmployersOrders(wanted: string[], employerId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT p.id FROM placement p JOIN job_order o ON o.id = p.order_id JOIN trainee t ON t.id = p.trainee_id
        WHERE p.id = ANY($1::uuid[]) AND o.employer_id = $2 AND p.state <> 'suggested' AND t.job_matching_consent`,
      [wanted, employerId],
      m,
    );
  }

  /** A trainee's own placements (by their account), never suggestions. */
  placementsOfTraineeUser(wanted: string[], userId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT p.id FROM placement p JOIN trainee t ON t.id = p.trainee_id WHERE p.id = ANY($1::uuid[]) AND t.user_id = $2 AND p.state <> 'suggested'`,
      [wanted, userId],
      m,
    );
  }

  // ---- job fairs ----

  /** Published fairs and closed ones. */
  openFairs(wanted: string[], m?: Querier): Promise<string[]> {
    return this.ids(`SELECT id FROM job_fair WHERE id = ANY ($1::uuid[]) AND state IN ('published', 'closed')`, [wanted], m);
  }

  /** Fairs held at the organisation (the venue). */
  fairsAtVenue(wanted: string[], organisationId: string, m?: Querier): Promise<string[]> {
    return this.ids(`SELECT id FROM job_fair WHERE id = ANY ($1::uuid[]) AND venue_organisation_id = $2`, [wanted, organisationId], m);
  }

  /** An employer's own booths, whatever their state. */
  boothsOfEmployer(wanted: string[], employerId: string, m?: Querier): Promise<string[]> {
    return this.ids(`SELECT id FROM fair_booth WHERE id = ANY ($1::uuid[]) AND employer_id = $2`, [wanted, employerId], m);
  }

  /** Approved booths of published or closed fairs (the programme). */
  programmeBooths(wanted: string[], m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT b.id FROM fair_booth b JOIN job_fair f ON f.id = b.fair_id
        WHERE b.id = ANY ($1::uuid[]) AND b.state = 'approved' AND f.state IN ('published', 'closed')`,
      [wanted],
      m,
    );
  }

  /** The interview slots of an employer's own booths. */
  slotsOfEmployer(wanted: string[], employerId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT s.id FROM fair_slot s JOIN fair_booth b ON b.id = s.booth_id WHERE s.id = ANY ($1::uuid[]) AND b.employer_id = $2`,
      [wanted, employerId],
      m,
    );
  }

  /** Registrations of the trainees an organisation holds. */
  registrationsOfOrganisation(wanted: string[], organisationId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT r.id FROM fair_registration r JOIN trainee t ON t.id = r.trainee_id WHERE r.id = ANY ($1::uuid[]) AND t.organisation_id = $2`,
      [wanted, organisationId],
      m,
    );
  }

  /** A trainee's own registrations (by their account). */
  registrationsOfUser(wanted: string[], userId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT r.id FROM fair_registration r JOIN trainee t ON t.id = r.trainee_id WHERE r.id = ANY ($1::uuid[]) AND t.user_id = $2`,
      [wanted, userId],
      m,
    );
  }

  /** Intents on an employer's own orders. */
  intentsOfEmployer(wanted: string[], employerId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT i.id FROM fair_intent i JOIN job_order o ON o.id = i.order_id WHERE i.id = ANY ($1::uuid[]) AND o.employer_id = $2`,
      [wanted, employerId],
      m,
    );
  }

  /** Intents to the trainees an organisation holds. */
  intentsOfOrganisation(wanted: string[], organisationId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT i.id FROM fair_intent i JOIN fair_registration r ON r.id = i.registration_id JOIN trainee t ON t.id = r.trainee_id
        WHERE i.id = ANY ($1::uuid[]) AND t.organisation_id = $2`,
      [wanted, organisationId],
      m,
    );
  }

  /** Intents to a trainee (by their account). */
  intentsOfUser(wanted: string[], userId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT i.id FROM fair_intent i JOIN fair_registration r ON r.id = i.registration_id JOIN trainee t ON t.id = r.trainee_id
        WHERE i.id = ANY ($1::uuid[]) AND t.user_id = $2`,
      [wanted, userId],
      m,
    );
  }

  // ---- follow-ups and handovers ----

  /**
   * The visits of the people the station holds now, whichever station made them: a person transferred
   * takes the history along and the station they left loses it at once; a person admitted again is held
   * by a facility, which never reads visits (abstinence is the station's alone).
   */
  visitsOfStation(wanted: string[], stationId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT v.id FROM follow_up_visit v JOIN trainee t ON t.id = v.trainee_id
         JOIN organisation o ON o.id = t.organisation_id AND o.type = 'community_station'
        WHERE v.id = ANY($1::uuid[]) AND t.organisation_id = $2`,
      [wanted, stationId],
      m,
    );
  }

  /** Requests to unseal that someone other than `userId` made (who asked never decides). */
  unsealRequestsNotBy(wanted: string[], userId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT id FROM record_seal WHERE id = ANY($1::uuid[]) AND kind = 'unseal' AND requested_by IS DISTINCT FROM $2::uuid`,
      [wanted, userId],
      m,
    );
  }

  /** Handovers with the organisation on the given side. */
  handoversOnSide(wanted: string[], organisationId: string, side: HandoverSide, m?: Querier): Promise<string[]> {
    return this.ids(HANDOVER_SIDES[side], [wanted, organisationId], m);
  }

  // ---- employers' standing ----

  /** Whether the organisation is a verified employer (a missing row is not). */
  async isVerifiedEmployer(organisationId: string, m?: Querier): Promise<boolean> {
    const [row] = await (m ?? this.dataSource).query<{ verified: boolean }[]>(
      `SELECT status = 'verified' AS verified FROM organisation WHERE id = $1 AND type = 'employer'`,
      [organisationId],
    );
    return row?.verified === true;
  }

  // ---- supervision (appended): station transfers and lost contact ----

  /**
   * Station transfers with the organisation on `side`. The sending station sees its request only
   * until it is accepted: from then on the person is the receiving station's alone.
   */
  transfersOnSide(wanted: string[], organisationId: string, side: TransferSide, m?: Querier): Promise<string[]> {
    return this.ids(TRANSFER_SIDES[side], [wanted, organisationId], m);
  }

  /** Lost-contact cases of the people the station holds now (a case follows the person on a transfer). */
  lostContactsOfStation(wanted: string[], stationId: string, m?: Querier): Promise<string[]> {
    return this.ids(
      `SELECT l.id FROM lost_contact l JOIN trainee t ON t.id = l.trainee_id
        WHERE l.id = ANY($1::uuid[]) AND t.organisation_id = $2 AND l.station_id = $2`,
      [wanted, stationId],
      m,
    );
  }
}
