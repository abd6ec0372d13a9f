import { Injectable } from '@angular/core';
import { FeatureI18n } from '../../core/i18n/feature-i18n';

/**
 * The signed-in devices page's words. Every role sees this page (trainees on shared phones too),
 * so the words avoid 您/你 rather than pick one.
 */
export const sessionsZh = {
  'sessions.title': '登录设备',
  'sessions.subtitle': '这个账号目前在这些设备上处于登录状态。不认识的设备，请退出它并修改密码。',
  'sessions.thisDevice': '本设备',
  'sessions.device': '设备',
  'sessions.startedAt': '登录时间',
  'sessions.lastUsedAt': '最近使用',
  'sessions.address': '网络位置',
  'sessions.actions': '操作',
  'sessions.unknownBrowser': '未知浏览器',
  'sessions.unknownOs': '未知系统',
  'sessions.unknownAddress': '未知',
  'sessions.end': '退出此设备',
  'sessions.endOthers': '退出其他所有设备',
  'sessions.endConfirm': '让这台设备退出登录？它需要重新输入密码才能再登录。',
  'sessions.endOthersConfirm': '让除本设备以外的所有设备退出登录？',
  'sessions.ended': '已退出该设备',
  'sessions.endedOthers': '已退出 {n} 台其他设备',
  'sessions.onlyThis': '只有本设备处于登录状态。',
  'sessions.cancel': '取消',
  'sessions.addressHint': '只显示网络的前两段，不显示完整地址。',
  'sessions.back': '返回我的账号',
} as const;

export type SessionsKey = keyof typeof sessionsZh;

export const sessionsEn: Readonly<Record<SessionsKey, string>> = {
  'sessions.title': 'Signed-in devices',
  'sessions.subtitle': 'This account is signed in on these devices. If one is not yours, sign it out and change the password.',
  'sessions.thisDevice': 'This device',
  'sessions.device': 'Device',
  'sessions.startedAt': 'Signed in',
  'sessions.lastUsedAt': 'Last used',
  'sessions.address': 'Network',
  'sessions.actions': 'Actions',
  'sessions.unknownBrowser': 'Unknown browser',
  'sessions.unknownOs': 'unknown system',
  'sessions.unknownAddress': 'Unknown',
  'sessions.end': 'Sign out this device',
  'sessions.endOthers': 'Sign out all other devices',
  'sessions.endConfirm': 'Sign this device out? It will need the password to sign in again.',
  'sessions.endOthersConfirm': 'Sign out every device except this one?',
  'sessions.ended': 'That device was signed out',
  'sessions.endedOthers': '{n} other device(s) signed out',
  'sessions.onlyThis': 'Only this device is signed in.',
  'sessions.cancel': 'Cancel',
  'sessions.addressHint': 'Only the first two parts of the network are shown, never the full address.',
  'sessions.back': 'Back to my account',
};

/** Browser names that have a usual Chinese name. */
export const BROWSER_ZH: Readonly<Record<string, string>> = {
  WeChat: '微信',
  'QQ Browser': 'QQ浏览器',
  'UC Browser': 'UC浏览器',
  'Huawei Browser': '华为浏览器',
  'Mi Browser': '小米浏览器',
  'Samsung Internet': '三星浏览器',
  HarmonyOS: '鸿蒙',
};

@Injectable({ providedIn: 'root' })
export class SessionsI18n extends FeatureI18n<SessionsKey> {
  constructor() {
    super(sessionsZh, sessionsEn);
  }
}
