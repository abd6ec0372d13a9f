import { groupsFor, narrowed } from './reports-filter';
import { cohortParam, type ReportFilter } from './reports-types';

const filter = (over: Partial<ReportFilter> = {}): ReportFilter => ({
  cohortYear: 2025,
  cohortQuarter: null,
  groupBy: 'facility',
  facilityId: null,
  stationId: null,
  divisionCode: null,
  from: null,
  to: null,
  ...over,
});

describe('the reports filter', () => {
  it('asks for a release year or quarter, never a range of days', () => {
    expect(cohortParam({ cohortYear: 2025, cohortQuarter: null })).toBe('2025');
    expect(cohortParam({ cohortYear: 2025, cohortQuarter: 2 })).toBe('2025Q2');
  });

  it('offers every grouping over the province, and the quarters (or the dimension itself) once narrowed', () => {
    expect(groupsFor(filter(), true)).toEqual(['facility', 'station', 'division', 'cohort_quarter']);
    expect(groupsFor(filter({ stationId: 's' }), true)).toEqual(['station', 'cohort_quarter']);
    expect(groupsFor(filter(), false)).toEqual(['cohort_quarter']);
  });

  it('narrows by one dimension at a time: choosing one clears the others and regroups by quarter if need be', () => {
    const byDivision = narrowed(filter({ facilityId: 'f', groupBy: 'facility' }), 'divisionCode', '460100', true, 'facility');
    expect(byDivision).toMatchObject({ facilityId: null, divisionCode: '460100', groupBy: 'cohort_quarter' });
    const sameDimension = narrowed(filter(), 'facilityId', 'f', true, 'facility');
    expect(sameDimension).toMatchObject({ facilityId: 'f', groupBy: 'facility' });
    // Clearing the narrowing offers every grouping again; an emptied grouping falls back to the default.
    expect(narrowed(sameDimension, 'facilityId', null, true, 'facility').facilityId).toBeNull();
    expect(narrowed(filter({ groupBy: 'station' }), 'groupBy', null, true, 'facility').groupBy).toBe('facility');
    expect(narrowed(filter({ groupBy: 'cohort_quarter' }), 'cohortQuarter', 3, false, 'cohort_quarter')).toMatchObject({
      cohortQuarter: 3,
    });
  });
});
