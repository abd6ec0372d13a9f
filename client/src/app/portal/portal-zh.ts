/**
 * The trainee portal's own words (Chinese first). The "mine" page, the privacy box and the jobs page
 * are screens a trainee may show an employer or family, so these name no place and use none of the
 * programme's words; the private pages one tap further in (checklist, consents, data) may. A
 * `frank.*` text is the plain version shown on those private pages, or before release.
 */
export const portalZh = {
  'me.subtitle': '你的工作、你的档案、你的账号，都在这里。',
  'me.jobsText': '为你推荐的工作、面试和录用',
  'me.record': '我的档案',
  'me.recordText': '下面这些只有你自己能看到。',
  'me.checklistText': '要上的课、要准备的材料',
  'me.consentsText': '你同意了哪些事，随时可以撤回',
  'me.dataText': '下载你的全部资料，发现错误可以申请更正',
  'me.logoutText': '用完了就退出。别人再用这台手机，就看不到你的资料。',

  'privacy.title': '用人单位能看到什么？',
  'privacy.can': '能看到',
  'privacy.can1': '你的技能、证书和学历',
  'privacy.can2': '你想去的地区、期望工资',
  'privacy.can3': '一个不含姓名的编号',
  'privacy.after': '只有你接受了某家单位的推荐，那一家才能看到你的姓名和手机号。',
  'privacy.cannot': '看不到',
  'privacy.cannot1': '你的姓名和手机号，除非你接受了它的推荐',
  'privacy.cannot2': '身份证号、住址',
  'privacy.cannot3': '“我的档案”里的任何内容',
  'privacy.law': '法律保护你平等就业的权利。',
  'frank.privacy.cannot1': '你的戒毒经历',
  'frank.privacy.cannot2': '你在哪个戒毒所',
  'frank.privacy.cannot3': '身份证号、住址',
  'frank.privacy.cannot4': '回访记录',
  'frank.privacy.law': '法律禁止在就业中歧视戒毒康复人员。',

  'jobs.subtitle': '为你推荐的工作。接受还是不接受，由你决定。',
  'jobs.shares': '接受后，{employer}将看到你的姓名和电话，看不到“我的档案”里的任何内容。',
  'jobs.state.mine': '你已接受',
  'jobs.state.withdrawn': '推荐已撤回',
  'jobs.confirmJob': '{order} · {employer}',
  'frank.jobs.shares': '接受后，{employer}将看到你的姓名和电话，不会看到你的戒治经历。',

  // The private pages' words that name the counsellor: 辅导员, as everywhere (core/i18n/glossary.ts).
  'myCl.intro': '出所前，辅导员会带你完成下面几件事。完成一项，就打一个勾。',
  'myCl.help': '有疑问，请问你的辅导员。',
  'myData.correctIntro': '告诉我们哪里不对。辅导员核实后会更正，并在这里答复你。',
  'myData.sent': '已提交，辅导员会尽快处理',
} as const;

export type PortalKey = keyof typeof portalZh;
