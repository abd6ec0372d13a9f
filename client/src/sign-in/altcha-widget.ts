/** The widget's words in Chinese (its footer, audio and code challenges are not used here). */
const ALTCHA_ZH: Record<string, string> = {
  ariaLinkLabel: 'ALTCHA',
  enterCode: '输入验证码',
  enterCodeAria: '输入您听到的验证码。按空格键播放音频。',
  error: '验证失败，请稍后再试。',
  expired: '验证已过期，请重试。',
  footer: '',
  getAudioChallenge: '获取语音验证码',
  label: '安全验证',
  loading: '加载中…',
  reload: '重新加载',
  verify: '验证',
  verificationRequired: '请先完成安全验证。',
  verified: '验证通过',
  verifying: '正在验证…',
  waitAlert: '正在验证，请稍候。',
};

let loading: Promise<void> | undefined;

/**
 * Loads and registers `<altcha-widget>`, the proof-of-work check the server asks for after repeated
 * failed sign-ins. Downloaded only then (self-hosted: no third-party call).
 */
export function loadAltchaWidget(): Promise<void> {
  loading ??= (async () => {
    await import('altcha');
    // The widget ships English; its Chinese words are ours (no extra download).
    globalThis.$altcha.i18n.set('zh-cn', ALTCHA_ZH);
    // Solve in workers from our own origin (see altcha-pbkdf2.worker.ts); the challenge uses PBKDF2/SHA-256.
    globalThis.$altcha.algorithms.set(
      'PBKDF2/SHA-256',
      () => new Worker(new URL('./altcha-pbkdf2.worker', import.meta.url), { type: 'module' }),
    );
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
