import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The few reads of the home's counts that no module's list offers yet (an instructor's sessions and
 * class applications): ids only, which the service narrows through the access policy as the lists do.
 */
@Injectable()
export class TodayRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Course sessions the user teaches that run on `today`. */
  async sessionsRunning(instructorId: string, today: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM course_session WHERE instructor_id = $1 AND starts_on <= $2::date AND ends_on >= $2::date`,
      [instructorId, today],
    );
    return rows.map((r) => r.id);
  }

  /** Course sessions the user teaches, begun before `today`, with students, and no attendance recorded yet. */
  async sessionsWithoutAttendance(instructorId: string, today: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT s.id FROM course_session s
        WHERE s.instructor_id = $1 AND s.starts_on < $2::date
          AND EXISTS (SELECT 1 FROM session_enrolment e WHERE e.session_id = s.id AND e.state IN ('enrolled', 'passed', 'failed'))
          AND NOT EXISTS (SELECT 1 FROM session_enrolment e JOIN session_attendance a ON a.enrolment_id = e.id WHERE e.session_id = s.id)`,
      [instructorId, today],
    );
    return rows.map((r) => r.id);
  }

  /** Every 中专 class (the service keeps those the caller may open). */
  async classIds(): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM diploma_class`);
    return rows.map((r) => r.id);
  }

  /** Applications (`applied`) in these classes. */
  async applicationsIn(classIds: string[]): Promise<string[]> {
    if (classIds.length === 0) return [];
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM class_enrolment WHERE class_id = ANY($1::uuid[]) AND state = 'applied'`,
      [classIds],
    );
    return rows.map((r) => r.id);
  }
}
