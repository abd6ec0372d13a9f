import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDateString, IsUUID, ValidateNested, MaxLength, IsInt, Max, Min } from 'class-validator';

/** One trainee's mark on an attendance sheet. Each module names its own subclass (its OpenAPI schema). */
export class AttendanceMarkDto {
  @IsUUID()
  @MaxLength(36)
  enrolmentId: string;

  @IsBoolean()
  present: boolean;
}

/** One meeting's attendance sheet: its date; the subclass adds `records`, its marks (`@AttendanceMarks`). */
export abstract class AttendanceSheetDto {
  @IsDateString({ strict: true })
  @MaxLength(40)
  meetingOn: string;
}

/** The validation of a sheet's marks, each a `mark` (the sheet also says `@ArrayMaxSize(500)`, which the OpenAPI document shows). */
export const AttendanceMarks = (mark: () => typeof AttendanceMarkDto) =>
  applyDecorators(IsArray(), ValidateNested({ each: true }), Type(mark));

/** How many seats a class or a course session has (1–500), validated and documented. */
export const SeatCapacity = () =>
  applyDecorators(IsInt(), Min(1), Max(500), ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: 500 }));

/** What every seated group (a diploma class, a course session) is created with: its seats and its dates. */
export abstract class SeatedGroupDto {
  @SeatCapacity()
  capacity: number;

  @IsDateString({ strict: true })
  @MaxLength(40)
  startsOn: string;

  @IsDateString({ strict: true })
  @MaxLength(40)
  endsOn: string;
}
