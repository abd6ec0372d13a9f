import { assertTransition, TRANSITIONS } from './trainee-lifecycle';
import { TRAINEE_STATES } from './trainee.entity';

describe('trainee lifecycle', () => {
  it('allows the legal manual moves', () => {
    expect(() => assertTransition('admitted', 'pre_release', 'manual')).not.toThrow();
    expect(() => assertTransition('pre_release', 'admitted', 'manual')).not.toThrow();
    expect(() => assertTransition('released', 'community', 'manual')).not.toThrow();
    expect(() => assertTransition('community', 'closed', 'manual')).not.toThrow();
  });

  it('keeps release for the handover alone', () => {
    expect(() => assertTransition('pre_release', 'released', 'manual')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    expect(() => assertTransition('pre_release', 'released', 'system')).not.toThrow();
  });

  it('takes a released, community or closed person back in only by a re-admission', () => {
    for (const from of ['released', 'community', 'closed'] as const) {
      expect(() => assertTransition(from, 'admitted', 'system')).not.toThrow();
      expect(() => assertTransition(from, 'admitted', 'manual')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    }
  });

  it('refuses every move the table does not list, and closed leads only to a re-admission', () => {
    for (const from of TRAINEE_STATES) {
      for (const to of TRAINEE_STATES) {
        if (TRANSITIONS[from][to]) continue;
        expect(() => assertTransition(from, to, 'system')).toThrow();
      }
    }
    expect(TRANSITIONS.closed).toEqual({ admitted: 'system' });
  });
});
