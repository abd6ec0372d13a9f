import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page.dto';
import { BOARD_AND_LODGING, type BoardAndLodging, ORDER_STATES, type OrderState } from '../order.entity';
import { msg } from '../../common/messages/msg';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class OrderDto {
  id: string;
  employerId: string;
  employerName: string;
  title: string;
  occupationCode: string;
  occupationName: string;
  headcount: number;
  requiredLevel: number | null;
  requiredLevelName: string | null;
  diplomaWanted: boolean;
  divisionCode: string;
  divisionName: string;
  workplaceAddress: string | null;
  wageMin: number | null;
  wageMax: number | null;
  @ApiProperty({ enum: BOARD_AND_LODGING })
  boardAndLodging: BoardAndLodging;
  startDate: string;
  deadline: string;
  description: string | null;
  @ApiProperty({ enum: ORDER_STATES })
  state: OrderState;
  createdAt: string;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] })
  items: OrderDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class OrderQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(ORDER_STATES)
  state?: OrderState;

  @IsOptional()
  @Matches(/^\d-\d{2}-\d{2}-\d{2}$/, { message: msg('OCCUPATION_CODE_FORMAT') })
  @MaxLength(10)
  occupationCode?: string;

  @IsOptional()
  @Matches(/^\d{6}$/, { message: msg('DIVISION_CODE_FORMAT') })
  @MaxLength(6)
  divisionCode?: string;
}

class OrderFields {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  workplaceAddress?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  wageMin?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  wageMax?: number;

  @IsOptional()
  @IsIn(BOARD_AND_LODGING)
  @ApiProperty({ enum: BOARD_AND_LODGING, required: false })
  boardAndLodging?: BoardAndLodging;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsOptional()
  @IsBoolean()
  diplomaWanted?: boolean;

  /** 5 = 五级 … 1 = 一级: a certificate at this level or higher is required. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  requiredLevel?: number | null;
}

export class CreateOrderDto extends OrderFields {
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  title: string;

  @Matches(/^\d-\d{2}-\d{2}-\d{2}$/, { message: msg('OCCUPATION_CODE_FORMAT') })
  @MaxLength(10)
  occupationCode: string;

  @IsInt()
  @Min(1)
  @Max(10000)
  headcount: number;

  @Matches(/^\d{6}$/, { message: msg('DIVISION_CODE_FORMAT') })
  @MaxLength(6)
  divisionCode: string;

  @IsDateString({ strict: true })
  @MaxLength(40)
  startDate: string;

  @IsDateString({ strict: true })
  @MaxLength(40)
  deadline: string;
}

export class UpdateOrderDto extends OrderFields {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  title?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  headcount?: number;

  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  startDate?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(40)
  deadline?: string;
}
