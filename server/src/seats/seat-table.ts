/**
 * Where a kind of seat lives: the table holding `capacity` and `seats_taken` (a CHECK keeps
 * 0 ≤ seats_taken ≤ capacity), its enrolments, their attendance, and which enrolment states hold a
 * seat. Each module's repository owns the descriptor of its seats (`SESSION_SEATS`, `CLASS_SEATS`);
 * services pass it to the `SeatEngine` as a value and never see a table or column name.
 */
export interface SeatTable {
  /** The table with `id`, `capacity` and `seats_taken`. */
  readonly holder: string;
  /** The enrolment table: `id`, `trainee_id`, `state` and a column naming the holder. */
  readonly enrolment: string;
  /** The enrolment column holding the holder's id. */
  readonly holderColumn: string;
  /** The waitlist's order: the earliest first (then by id). */
  readonly queuedAtColumn: string;
  /** One row per enrolment and meeting day: `enrolment_id`, `meeting_on`, `present`, `recorded_by`. */
  readonly attendance: string;
  /** The states that hold a seat; the first is the state a promoted enrolment takes. */
  readonly seated: readonly [string, ...string[]];
}

const IDENTIFIER = /^[a-z][a-z_]*$/;

/** A descriptor, its names checked once when the module loads (they are put into SQL as identifiers). */
export function seatTable(t: SeatTable): SeatTable {
  for (const name of [t.holder, t.enrolment, t.holderColumn, t.queuedAtColumn, t.attendance]) {
    if (!IDENTIFIER.test(name)) throw new Error(`Not a table or column name: ${name}`);
  }
  return Object.freeze({ ...t, seated: Object.freeze<SeatTable['seated']>([...t.seated]) });
}

/** The first on a waitlist, moved into a freed seat. */
export interface PromotedEnrolment {
  enrolmentId: string;
  traineeId: string;
  /** The trainee's account, to tell them (null: no account). */
  traineeUserId: string | null;
}

/** One trainee's mark for one meeting. */
export interface AttendanceMark {
  enrolmentId: string;
  present: boolean;
}

/** The enrolments an attendance sheet names: their states, and the first not holding a seat. */
export interface SeatedCheck {
  outside: string | null;
  states: ReadonlyMap<string, string>;
}

/** The columns every enrolment row read for display has: who holds (or waits for) the seat, and where in the queue. */
export interface SeatPlaceRow<S extends string> {
  trainee_id: string;
  full_name: string;
  state: S;
  /** 1-based, for a waitlisted enrolment; null otherwise. */
  position: number | null;
}

/** The trainee, state and waitlist position of an enrolment, as every enrolment DTO shows them. */
export const seatPlace = <S extends string>(r: SeatPlaceRow<S>) => ({
  traineeId: r.trainee_id,
  traineeName: r.full_name,
  state: r.state,
  waitlistPosition: r.position ?? null,
});
