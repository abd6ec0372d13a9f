import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { msg } from '../../../common/messages/msg';

/** Whether my account receives reminders in WeChat. Never the openid. */
export class WechatBindingDto {
  @ApiProperty({ description: 'This server sends reminders by WeChat (a 服务号 is configured)' })
  available: boolean;
  @ApiProperty({ description: 'My account is bound to a WeChat' })
  bound: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was bound' })
  boundAt: string | null;
}

/** The `code` WeChat's web authorisation redirect brought back (snsapi_base). */
export class BindWechatDto {
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,128}$/, { message: msg('WECHAT_CODE_FORMAT') })
  @ApiProperty({
    description: 'The OAuth code of the redirect from open.weixin.qq.com/connect/oauth2/authorize (valid 5 minutes, once)',
    maxLength: 128,
  })
  code: string;
}
