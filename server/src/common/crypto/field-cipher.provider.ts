import type { Provider } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { FieldCipher } from './field-cipher';

export const FieldCipherProvider: Provider = {
  provide: FieldCipher,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new FieldCipher(config.fieldEncryptionKey),
};
