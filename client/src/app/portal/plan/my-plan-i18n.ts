import { Injectable } from '@angular/core';
import { FeatureI18n } from '../../core/i18n/feature-i18n';

/**
 * The trainee's own plan, in plain words (你). Shown on a phone others may see: no place, no
 * programme, no staff words. Chinese first.
 */
const myPlanZh = {
  'myPlan.tile': '我的计划',
  'myPlan.tileText': '我的目标和下一步',
  'myPlan.title': '我的计划',
  'myPlan.intro': '你的目标，一步一步来。',
  'myPlan.none': '你的计划还没有做好。和辅导员聊一聊，一起定下目标。',
  'myPlan.goals': '我的目标',
  'myPlan.goalSteps': '{done} / {total} 步做完了',
  'myPlan.goalNoSteps': '还没有具体的步骤',
  'myPlan.goalAchieved': '做到了！',
  'myPlan.goalBy': '争取在 {date} 前',
  'myPlan.mine': '我的下一步',
  'myPlan.mineNone': '现在没有要你做的事。',
  'myPlan.doIt': '做完了',
  'myPlan.doItLabel': '我做完了：{title}',
  'myPlan.undo': '还没做完',
  'myPlan.undoLabel': '还没做完：{title}',
  'myPlan.due': '{date} 前',
  'myPlan.doneOn': '{date} 做完了',
  'myPlan.doneNice': '做得好！',
  'myPlan.others': '别人帮你办的事',
  'myPlan.othersNone': '现在没有。',
  'myPlan.owner.counsellor': '辅导员帮你办',
  'myPlan.owner.station': '工作人员帮你办',
  'myPlan.owner.trainee': '你自己',
  'myPlan.otherDone': '办好了',
  'myPlan.otherOpen': '正在办',
  'myPlan.next': '下次一起看计划',
  'myPlan.nextNone': '还没有定时间',
  'myPlan.progress': '{done} / {total} 步做完了',
  'myPlan.help': '有问题，问问你的辅导员。',
} as const;

export type MyPlanKey = keyof typeof myPlanZh;

const myPlanEn: Readonly<Record<MyPlanKey, string>> = {
  'myPlan.tile': 'My plan',
  'myPlan.tileText': 'My goals and next steps',
  'myPlan.title': 'My plan',
  'myPlan.intro': 'Your goals, one step at a time.',
  'myPlan.none': 'Your plan is not ready yet. Talk to your counsellor and set your goals together.',
  'myPlan.goals': 'My goals',
  'myPlan.goalSteps': '{done} / {total} steps done',
  'myPlan.goalNoSteps': 'No steps yet',
  'myPlan.goalAchieved': 'Done it!',
  'myPlan.goalBy': 'Aim: by {date}',
  'myPlan.mine': 'My next steps',
  'myPlan.mineNone': 'Nothing for you to do right now.',
  'myPlan.doIt': 'Done',
  'myPlan.doItLabel': 'I have done it: {title}',
  'myPlan.undo': 'Not done yet',
  'myPlan.undoLabel': 'Not done yet: {title}',
  'myPlan.due': 'By {date}',
  'myPlan.doneOn': 'Done {date}',
  'myPlan.doneNice': 'Well done!',
  'myPlan.others': 'What others do for you',
  'myPlan.othersNone': 'Nothing right now.',
  'myPlan.owner.counsellor': 'Your counsellor does it',
  'myPlan.owner.station': 'A helper does it',
  'myPlan.owner.trainee': 'You',
  'myPlan.otherDone': 'Done',
  'myPlan.otherOpen': 'Being done',
  'myPlan.next': 'Next time we look at the plan',
  'myPlan.nextNone': 'No date yet',
  'myPlan.progress': '{done} / {total} steps done',
  'myPlan.help': 'Questions? Ask your counsellor.',
};

@Injectable({ providedIn: 'root' })
export class MyPlanI18n extends FeatureI18n<MyPlanKey> {
  constructor() {
    super(myPlanZh, myPlanEn);
  }
}

export const MY_PLAN_ZH = myPlanZh;
export const MY_PLAN_EN = myPlanEn;
