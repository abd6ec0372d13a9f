import { badRequest } from '../common/domain-error';
import type { TraineeState } from './trainee.entity';

/**
 * The lifecycle `admitted → pre_release → released → community → closed` (and back to `admitted` on a
 * re-admission) as data. `system` moves
 * are made only by the platform itself (the scheduler, a completed handover); `manual` moves a
 * counsellor may make, always with a reason.
 */
export const TRANSITIONS: Record<TraineeState, Partial<Record<TraineeState, 'manual' | 'system'>>> = {
  // Pre-release opens by itself 30 days before the expected date; a counsellor may open it earlier.
  admitted: { pre_release: 'manual' },
  // Release happens only through a completed handover (必接必送); a postponed release goes back.
  pre_release: { released: 'system', admitted: 'manual' },
  // A re-admission (a new episode on the same record, TraineesService.readmit) takes the person back in.
  released: { community: 'manual', closed: 'manual', admitted: 'system' },
  community: { closed: 'manual', admitted: 'system' },
  closed: { admitted: 'system' },
};

const LABEL: Record<TraineeState, string> = {
  admitted: '在所',
  pre_release: '出所前准备',
  released: '已出所',
  community: '社区康复',
  closed: '已结案',
};

export function assertTransition(from: TraineeState, to: TraineeState, by: 'manual' | 'system'): void {
  const kind = TRANSITIONS[from][to];
  if (kind === undefined || (kind === 'system' && by === 'manual')) {
    const hint =
      from === 'pre_release' && to === 'released'
        ? '出所须通过衔接交接完成（社区接收方确认）。'
        : `可以转为：${
            Object.entries(TRANSITIONS[from])
              .filter(([, k]) => k === 'manual')
              .map(([s]) => LABEL[s as TraineeState])
              .join('、') || '无'
          }。`;
    throw from === 'pre_release' && to === 'released'
      ? badRequest(
          'ILLEGAL_TRANSITION',
          { fromLabel: LABEL[from], toLabel: LABEL[to], hint },
          { from, to, allowed: Object.keys(TRANSITIONS[from]) },
        )
      : badRequest(
          'ILLEGAL_TRANSITION.TRAINEES',
          { fromLabel: LABEL[from], toLabel: LABEL[to], hint, from, to },
          { from, to, allowed: Object.keys(TRANSITIONS[from]) },
        );
  }
}
