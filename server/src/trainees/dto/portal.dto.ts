import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const CORRECTION_FIELDS = ['fullName', 'phone', 'homeDivision', 'education', 'workHistory', 'skills', 'dates', 'other'] as const;

export class CreateCorrectionRequestDto {
  /** Which part of the record is wrong. */
  @IsIn(CORRECTION_FIELDS)
  @ApiProperty({ enum: CORRECTION_FIELDS })
  field: (typeof CORRECTION_FIELDS)[number];

  /** What is wrong and what it should say. */
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  message: string;
}

export class ResolveCorrectionRequestDto {
  @IsIn(['resolved', 'declined'])
  @ApiProperty({ enum: ['resolved', 'declined'] })
  status: 'resolved' | 'declined';

  /** Shown to the trainee. Required when declining. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CorrectionRequestDto {
  id: string;
  field: string;
  message: string;
  @ApiProperty({ enum: ['open', 'resolved', 'declined'] })
  status: 'open' | 'resolved' | 'declined';
  createdAt: string;
  /** Entered by a counsellor for the trainee. */
  assisted: boolean;
  resolvedAt: string | null;
  resolutionNote: string | null;
}

/** Everything the platform holds about the trainee (PIPL Art. 45), as one JSON document. */
export class MyDataDto {
  exportedAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  record: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  history: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  checklist: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  consents: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  handovers: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  correctionRequests: Record<string, unknown>[];
  /** Who read or changed the record, and when. */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  accessLog: Record<string, unknown>[];
}
