import { IsString, MaxLength, MinLength } from 'class-validator';

export class ChangePasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  currentPassword: string;

  /** At least 8 characters, three of: upper case, lower case, digits, symbols. */
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  newPassword: string;
}
