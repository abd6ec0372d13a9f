import { classOptions, sessionOptions } from './enrol-form';
import { attendanceTotals } from './learning-section';
import type { ClassDto, CourseSessionDto } from './trainee-learning-api';

const seats = (n: number) => (n > 0 ? `余 ${n} 座` : '已满');

describe('the 学习 tab', () => {
  it('offers only classes not yet ended, soonest start first, with the seats left', () => {
    const c = (id: string, startsOn: string, endsOn: string, seatsTaken = 0) =>
      ({ id, name: `班${id}`, programmeName: '电商', startsOn, endsOn, capacity: 2, seatsTaken }) as ClassDto;
    const options = classOptions(
      [c('b', '2026-09-01', '2027-07-01'), c('old', '2025-01-01', '2025-12-01'), c('a', '2026-03-01', '2027-01-01', 2)],
      '2026-01-10',
      seats,
    );
    expect(options.map((o) => o.value)).toEqual(['a', 'b']);
    expect(options[0]!.hint).toContain('已满');
    expect(options[1]!.hint).toContain('余 2 座');
  });

  it('labels sessions with their course and start, in the order the server sends', () => {
    const s = { id: 's1', courseTitle: '电工', startsOn: '2026-02-01', capacity: 10, seatsTaken: 4 } as CourseSessionDto;
    expect(sessionOptions([s], seats)).toEqual([{ value: 's1', label: '电工 · 2026-02-01', hint: '余 6 座' }]);
  });

  it('adds attendance over both tracks', () => {
    expect(
      attendanceTotals(
        [{ attended: 3, meetings: 4 }],
        [
          { attended: 1, meetings: 2 },
          { attended: 0, meetings: 0 },
        ],
      ),
    ).toEqual({
      attended: 4,
      meetings: 6,
    });
  });
});
