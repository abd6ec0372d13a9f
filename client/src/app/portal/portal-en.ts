import type { PortalKey } from './portal-zh';

/** The trainee portal's own words in English: as neutral as the Chinese (see portal-zh.ts). */
export const portalEn: Readonly<Record<PortalKey, string>> = {
  'me.subtitle': 'Your jobs, your record and your account.',
  'me.jobsText': 'Jobs suggested for you, interviews and offers',
  'me.record': 'My record',
  'me.recordText': 'Only you can see what is below.',
  'me.checklistText': 'Classes to take and papers to prepare',
  'me.consentsText': 'What you agreed to; withdraw any time',
  'me.dataText': 'Download all your data; ask for corrections',
  'me.logoutText': 'Done? Sign out, so that the next person using this phone cannot see your data.',

  'privacy.title': 'What can employers see?',
  'privacy.can': 'They see',
  'privacy.can1': 'Your skills, certificates and diploma',
  'privacy.can2': 'Where you want to work, the wage you expect',
  'privacy.can3': 'A code instead of your name',
  'privacy.after': 'Only when you accept one employer’s suggestion does that employer see your name and phone.',
  'privacy.cannot': 'They never see',
  'privacy.cannot1': 'Your name and phone, unless you accept their suggestion',
  'privacy.cannot2': 'Your identity number or address',
  'privacy.cannot3': 'Anything in “My record”',
  'privacy.law': 'The law protects your right to be treated equally at work.',
  'frank.privacy.cannot1': 'Your rehabilitation history',
  'frank.privacy.cannot2': 'Which facility you are in',
  'frank.privacy.cannot3': 'Your identity number or address',
  'frank.privacy.cannot4': 'Follow-up records',
  'frank.privacy.law': 'The law forbids job discrimination against people in drug rehabilitation.',

  'jobs.subtitle': 'Jobs suggested for you. Whether to accept is up to you.',
  'jobs.shares': 'If you accept, {employer} will see your name and phone — nothing in “My record”.',
  'jobs.state.mine': 'You accepted',
  'jobs.state.withdrawn': 'The recommendation was withdrawn',
  'jobs.confirmJob': '{order} · {employer}',
  'frank.jobs.shares': 'If you accept, {employer} will see your name and phone. They will not see your rehab history.',

  'myCl.intro': 'Before release your counsellor goes through these with you. Each one done gets a tick.',
  'myCl.help': 'Questions? Ask your counsellor.',
  'myData.correctIntro': 'Tell us what is wrong. Your counsellor checks it, corrects it and answers here.',
  'myData.sent': 'Sent. Your counsellor will handle it soon.',
};
