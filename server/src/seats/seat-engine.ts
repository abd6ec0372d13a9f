import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AttendanceMark, PromotedEnrolment, SeatedCheck, SeatTable } from './seat-table';
import { SeatsRepository } from './seats.repository';

/**
 * Seats for anything with a capacity and a waitlist: skills-course sessions and diploma classes.
 * A seat is taken only by a conditional UPDATE (`seats_taken < capacity`) under the table's CHECK,
 * so capacity holds however many requests arrive at once. A freed seat passes to the first on the
 * waitlist, else is given back. Every method runs in the caller's transaction (`m`): the caller
 * keeps its rules, its audit entry and its notices, and commits them with the seat.
 */
@Injectable()
export class SeatEngine {
  constructor(private readonly seats: SeatsRepository) {}

  /** True when a seat was taken; false when the holder is full. */
  take(t: SeatTable, holderId: string, m: EntityManager): Promise<boolean> {
    return this.seats.take(t, holderId, m);
  }

  /** The seat leaves for good (its holder finished): given back, not passed on. */
  giveBack(t: SeatTable, holderId: string, m: EntityManager): Promise<void> {
    return this.seats.giveBack(t, holderId, m);
  }

  capacity(t: SeatTable, holderId: string, m: EntityManager): Promise<number | null> {
    return this.seats.capacity(t, holderId, m);
  }

  /**
   * A seat holder left: the first on the waitlist takes the seat (in the first seated state) and is
   * returned, for the caller to tell them; with nobody waiting the seat is given back (null).
   */
  async passOn(t: SeatTable, holderId: string, m: EntityManager): Promise<PromotedEnrolment | null> {
    const next = await this.seats.lockWaitlistHead(t, holderId, m);
    if (!next) {
      await this.seats.giveBack(t, holderId, m);
      return null;
    }
    await this.seats.setState(t, next.enrolmentId, t.seated[0], m);
    return next;
  }

  /**
   * Moves a seated trainee to another holder: takes a seat there (null when it is full, nothing
   * changed), lets the caller `move` the enrolment, then passes the old seat on.
   */
  async transfer<T>(
    t: SeatTable,
    from: string,
    to: string,
    m: EntityManager,
    move: () => Promise<T>,
  ): Promise<{ moved: T; promoted: PromotedEnrolment | null } | null> {
    if (!(await this.seats.take(t, to, m))) return null;
    const moved = await move();
    return { moved, promoted: await this.passOn(t, from, m) };
  }

  /**
   * Which of the enrolments `marks` name hold a seat in the holder, with their states; `outside`
   * names the first that does not (belongs elsewhere, waitlisted, finished), if any.
   */
  async seated(t: SeatTable, holderId: string, marks: readonly AttendanceMark[], m: EntityManager): Promise<SeatedCheck> {
    const states = await this.seats.statesIn(
      t,
      holderId,
      marks.map((r) => r.enrolmentId),
      m,
    );
    const outside = marks.find((r) => !t.seated.includes(states.get(r.enrolmentId) ?? ''));
    return { outside: outside?.enrolmentId ?? null, states };
  }

  /** One meeting's attendance; a day recorded again is replaced. Check `seated()` first. */
  async recordAttendance(
    t: SeatTable,
    meetingOn: string,
    marks: readonly AttendanceMark[],
    recordedBy: string,
    m: EntityManager,
  ): Promise<void> {
    for (const mark of marks) await this.seats.recordAttendance(t, meetingOn, mark, recordedBy, m);
  }
}
