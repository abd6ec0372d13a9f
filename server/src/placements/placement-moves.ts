import type { PlacementState } from './placement.entity';

export type PlacementAction = 'recommend' | 'accept' | 'decline' | 'interview' | 'offer' | 'hire' | 'reject' | 'withdraw';

/**
 * The placement state machine: for each act, the states it starts from, where it leads, and who may
 * do it. A counsellor doing a trainee's act (accept, decline, hire) does it assisted, and it says so.
 */
export const MOVES: Record<PlacementAction, { from: PlacementState[]; to: PlacementState; zh: string }> = {
  recommend: { from: ['suggested'], to: 'recommended', zh: '推荐' },
  accept: { from: ['recommended'], to: 'accepted_by_trainee', zh: '接受推荐' },
  decline: {
    from: ['recommended', 'accepted_by_trainee', 'interview', 'offer'],
    to: 'declined',
    zh: '婉拒',
  },
  interview: { from: ['accepted_by_trainee'], to: 'interview', zh: '安排面试' },
  offer: { from: ['accepted_by_trainee', 'interview'], to: 'offer', zh: '发出录用意向' },
  hire: { from: ['offer'], to: 'hired', zh: '确认入职' },
  reject: { from: ['recommended', 'accepted_by_trainee', 'interview', 'offer'], to: 'rejected', zh: '不录用' },
  withdraw: {
    from: ['suggested', 'recommended', 'accepted_by_trainee', 'interview', 'offer'],
    to: 'withdrawn',
    zh: '撤回',
  },
};

/** The states' names, for the words of a refusal. */
export const STATE_ZH: Record<PlacementState, string> = {
  suggested: '系统建议',
  recommended: '已推荐',
  accepted_by_trainee: '学员已接受',
  interview: '面试中',
  offer: '已发录用意向',
  hired: '已入职',
  declined: '学员已婉拒',
  rejected: '未录用',
  withdrawn: '已撤回',
};
