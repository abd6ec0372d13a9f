import { ConfigError, smsConfig } from '../../config/env';

const TENCENT = {
  SMS_PROVIDER: 'tencent',
  TENCENT_SMS_SECRET_ID: 'AKIDtest',
  TENCENT_SMS_SECRET_KEY: 'secret-key',
  TENCENT_SMS_SDK_APP_ID: '1400000000',
  TENCENT_SMS_SIGN_NAME: '就业服务',
  TENCENT_SMS_TEMPLATE_INTERVIEW: '100001',
  TENCENT_SMS_TEMPLATE_FAIR_DAY: '100002',
  TENCENT_SMS_TEMPLATE_VISIT: '100003',
  TENCENT_SMS_TEMPLATE_PLAN_STEP: '100004',
  TENCENT_SMS_TEMPLATE_GENERIC: '100005',
};

describe('SMS configuration', () => {
  it('is off by default', () => {
    expect(smsConfig({})).toEqual({ provider: 'none', tencent: undefined, callbackToken: undefined });
  });

  it('reads every Tencent value, with the public endpoint and Guangzhou by default', () => {
    const c = smsConfig(TENCENT);
    expect(c.tencent).toMatchObject({ endpoint: 'https://sms.tencentcloudapi.com', region: 'ap-guangzhou', sdkAppId: '1400000000' });
    expect(c.tencent?.templateIds).toEqual({
      interview: '100001',
      fair_day: '100002',
      visit: '100003',
      plan_step: '100004',
      generic: '100005',
    });
  });

  it('fails at boot when a Tencent value is missing, naming it', () => {
    const partial: Record<string, string> = { ...TENCENT };
    delete partial.TENCENT_SMS_SECRET_KEY;
    delete partial.TENCENT_SMS_TEMPLATE_VISIT;
    expect(() => smsConfig(partial)).toThrow(ConfigError);
    expect(() => smsConfig(partial)).toThrow(/TENCENT_SMS_SECRET_KEY, TENCENT_SMS_TEMPLATE_VISIT/);
  });

  it('refuses an unknown provider, a sign name of the programme and a guessable callback token', () => {
    expect(() => smsConfig({ SMS_PROVIDER: 'aliyun' })).toThrow(/SMS_PROVIDER/);
    expect(() => smsConfig({ ...TENCENT, TENCENT_SMS_SIGN_NAME: '金不换' })).toThrow(/SIGN_NAME/);
    expect(() => smsConfig({ SMS_CALLBACK_TOKEN: 'short' })).toThrow(/SMS_CALLBACK_TOKEN/);
  });
});
