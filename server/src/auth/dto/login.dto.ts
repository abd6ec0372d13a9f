import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  username: string;

  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password: string;

  /**
   * A solved ALTCHA challenge (the widget's base64 payload), sent after the answer
   * CHALLENGE_REQUIRED; a valid one lets this attempt through any sign-in wait, once.
   */
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  altcha?: string;
}
