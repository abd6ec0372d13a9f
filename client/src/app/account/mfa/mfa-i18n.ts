import { Injectable } from '@angular/core';
import { FeatureI18n } from '../../core/i18n/feature-i18n';

/** Words of the second factor (enrolment page, account card, the code step of sign-in). Staff: 您. */
const mfaZh = {
  'mfa.title': '两步验证',
  'mfa.intro': '登录时除密码外，还需输入手机验证器应用中的6位动态验证码。即使密码泄露，别人也无法登录您的账号。',
  'mfa.requiredNotice': '您的账号必须开启两步验证，完成设置后才能继续使用系统。',
  'mfa.optionalNotice': '两步验证对您的账号是可选的，建议开启。',
  'mfa.enabled': '已开启',
  'mfa.disabled': '未开启',
  'mfa.enabledSince': '开启于 {at}',
  'mfa.recoveryLeft': '剩余恢复码：{n} 个',
  'mfa.manage': '设置两步验证',
  'mfa.step1': '1. 在手机上安装验证器应用',
  'mfa.step1Help': '任何支持"基于时间的动态码（TOTP）"的应用均可，例如微软 Authenticator、谷歌身份验证器、腾讯身份验证器或 FreeOTP。',
  'mfa.start': '开始设置',
  'mfa.step2': '2. 用应用扫描二维码',
  'mfa.qrAlt': '两步验证二维码',
  'mfa.manual': '无法扫码？在应用中选择"手动输入"，账号名填 {account}，密钥如下：',
  'mfa.copySecret': '复制密钥',
  'mfa.appShows': '应用中会显示为"{issuer}"。',
  'mfa.step3': '3. 输入应用显示的6位验证码',
  'mfa.code': '验证码',
  'mfa.codeHelp': '6位数字，每30秒更新一次',
  'mfa.codeInvalid': '请输入6位数字',
  'mfa.confirm': '确认开启',
  'mfa.recoveryTitle': '请保存恢复码',
  'mfa.recoveryIntro':
    '手机丢失或无法使用时，可以用恢复码代替验证码登录。每个恢复码只能用一次。恢复码只显示这一次，请抄写或打印后放在安全的地方，不要拍照发给他人。',
  'mfa.copyCodes': '复制全部',
  'mfa.print': '打印',
  'mfa.copied': '已复制',
  'mfa.saved': '我已妥善保存这些恢复码',
  'mfa.finish': '完成',
  'mfa.done': '两步验证已开启。下次登录时需要输入验证码。',
  'mfa.turnOff': '关闭两步验证',
  'mfa.turnOffHelp': '输入当前验证码以确认关闭。',
  'mfa.turnedOff': '两步验证已关闭。',
  'mfa.lostPhone': '更换或丢失手机？请联系安全管理员重置两步验证。',
  'mfa.back': '返回账号设置',
  'mfa.notOffered': '您的账号类型不使用两步验证。',
  'mfa.stepTitle': '输入验证码',
  'mfa.stepIntro': '请打开手机上的验证器应用，输入"{issuer}"显示的6位验证码。',
  'mfa.verify': '验证并登录',
  'mfa.useRecovery': '手机不在身边？使用恢复码',
  'mfa.useCode': '使用验证器应用的验证码',
  'mfa.recoveryCode': '恢复码',
  'mfa.recoveryCodeHelp': '例如 ABCDE-FGHJK，每个只能用一次',
  'mfa.recoveryInvalid': '请输入恢复码',
  'mfa.restart': '重新输入用户名和密码',
} as const;

export type MfaKey = keyof typeof mfaZh;

const mfaEn: Readonly<Record<MfaKey, string>> = {
  'mfa.title': 'Two-step verification',
  'mfa.intro':
    'When you sign in, you enter a 6-digit code from an authenticator app on your phone as well as your password. Even if your password leaks, nobody else can sign in.',
  'mfa.requiredNotice': 'Your account must use two-step verification. Set it up to continue.',
  'mfa.optionalNotice': 'Two-step verification is optional for your account; we recommend it.',
  'mfa.enabled': 'On',
  'mfa.disabled': 'Off',
  'mfa.enabledSince': 'On since {at}',
  'mfa.recoveryLeft': 'Recovery codes left: {n}',
  'mfa.manage': 'Set up two-step verification',
  'mfa.step1': '1. Install an authenticator app on your phone',
  'mfa.step1Help':
    'Any app for time-based codes (TOTP) works, e.g. Microsoft Authenticator, Google Authenticator, Tencent Authenticator or FreeOTP.',
  'mfa.start': 'Start',
  'mfa.step2': '2. Scan the QR code with the app',
  'mfa.qrAlt': 'QR code for two-step verification',
  'mfa.manual': 'Cannot scan? Choose "enter a setup key" in the app, use {account} as the account name and this key:',
  'mfa.copySecret': 'Copy key',
  'mfa.appShows': 'The app will show it as "{issuer}".',
  'mfa.step3': '3. Enter the 6-digit code the app shows',
  'mfa.code': 'Code',
  'mfa.codeHelp': '6 digits, a new one every 30 seconds',
  'mfa.codeInvalid': 'Enter the 6 digits',
  'mfa.confirm': 'Turn on',
  'mfa.recoveryTitle': 'Save your recovery codes',
  'mfa.recoveryIntro':
    'If your phone is lost or not at hand, a recovery code signs you in instead of a code. Each works once. They are shown only now: write them down or print them and keep them safe; do not send photos of them.',
  'mfa.copyCodes': 'Copy all',
  'mfa.print': 'Print',
  'mfa.copied': 'Copied',
  'mfa.saved': 'I have saved these recovery codes',
  'mfa.finish': 'Done',
  'mfa.done': 'Two-step verification is on. You will be asked for a code when you sign in.',
  'mfa.turnOff': 'Turn off two-step verification',
  'mfa.turnOffHelp': 'Enter a current code to confirm.',
  'mfa.turnedOff': 'Two-step verification is off.',
  'mfa.lostPhone': 'New or lost phone? Ask the security administrator to reset two-step verification.',
  'mfa.back': 'Back to my account',
  'mfa.notOffered': 'Two-step verification is not used for this kind of account.',
  'mfa.stepTitle': 'Enter your code',
  'mfa.stepIntro': 'Open the authenticator app on your phone and enter the 6-digit code shown for "{issuer}".',
  'mfa.verify': 'Verify and sign in',
  'mfa.useRecovery': 'Phone not at hand? Use a recovery code',
  'mfa.useCode': 'Use a code from the authenticator app',
  'mfa.recoveryCode': 'Recovery code',
  'mfa.recoveryCodeHelp': 'Like ABCDE-FGHJK; each works once',
  'mfa.recoveryInvalid': 'Enter a recovery code',
  'mfa.restart': 'Enter username and password again',
};

/** The neutral name authenticator apps show for this platform (the server's MFA_ISSUER). */
export const MFA_ISSUER = '技能与就业';

@Injectable({ providedIn: 'root' })
export class MfaI18n extends FeatureI18n<MfaKey> {
  constructor() {
    super(mfaZh, mfaEn);
  }
}
