import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

/** Whether reminders reach me by SMS ("接收短信提醒"). */
export class SmsPreferenceDto {
  @ApiProperty({ description: 'Reminders by SMS are on for my number (off after a TD/退订 reply or turning it off)' })
  enabled: boolean;
  @ApiProperty({ description: 'A mainland mobile number is on file for me; without one no SMS is sent' })
  hasPhone: boolean;
}

export class SetSmsPreferenceDto {
  @IsBoolean()
  @ApiProperty()
  enabled: boolean;
}

/** Tencent's answer format for its callbacks: 0 = received. */
export class SmsReplyAckDto {
  result: number;
  errmsg: string;
}
