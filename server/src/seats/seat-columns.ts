import { Column, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The columns every table with seats has (course sessions, diploma classes): the dates, where it
 * is held, the capacity and the seats taken. Each entity adds its relations (their foreign keys are
 * named per table) and the CHECK that keeps 0 ≤ seats_taken ≤ capacity. `seatsTaken` moves only
 * through the `SeatEngine`.
 */
export abstract class SeatHolderColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  /** The facility or station where it is held (internal: never shown to employers or the public); null for distance classes. */
  @Column({ name: 'venue_organisation_id', type: 'uuid', nullable: true })
  venueOrganisationId: string | null;

  @Column({ type: 'int' })
  capacity: number;

  @Column({ name: 'seats_taken', type: 'int', default: 0 })
  seatsTaken: number;
}

/** The columns every enrolment in a seat holder has; the entity adds its holder, state and relations. */
export abstract class SeatEnrolmentColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;
}

/** One enrolment's presence at one meeting; the entity adds the relation to its enrolment table. */
export abstract class AttendanceColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

  @Column({ name: 'meeting_on', type: 'date' })
  meetingOn: string;

  @Column({ type: 'boolean' })
  present: boolean;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;
}
