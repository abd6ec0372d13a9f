import { Injectable } from '@angular/core';
import { FeatureI18n } from '../core/i18n/feature-i18n';

const zh = {
  'registration.received':
    '“{name}”的注册申请已收到，正在等待管理员审核。请用账号 {username} 和刚才设置的密码登录查看审核进度，审核通过后即可发布用工需求。',
  'registration.cannotSignIn': '如果用这个账号和密码无法登录，说明该用户名可能已被他人使用：请换一个用户名重新注册。',
} as const;

type RegistrationKey = keyof typeof zh;

const en: Record<RegistrationKey, string> = {
  'registration.received':
    'Registration of "{name}" received; an administrator will verify it. Sign in as {username} with the password you just chose to follow the review; once verified you can post job orders.',
  'registration.cannotSignIn':
    'If you cannot sign in with this username and password, the username may already be in use: register again with another one.',
};

/**
 * The registration page's own words. The confirmation is the same whether or not the username was
 * free (the server does not say, so nobody learns which usernames exist); it tells the person
 * what to do if signing in does not work.
 */
@Injectable({ providedIn: 'root' })
export class RegistrationWords extends FeatureI18n<RegistrationKey> {
  constructor() {
    super(zh, en);
  }
}
