import { ApiProperty } from '@nestjs/swagger';

/** One of the employer's orders: its candidates by what the employer has to do next. Counts only. */
export class OrderPipelineDto {
  orderId: string;
  /** Candidates the employer has not opened yet. */
  newCandidates: number;
  /** Interviews set for today (China date). */
  interviewsToday: number;
  /** Offers waiting for the trainee's answer. */
  offersWaiting: number;
}

/** The employer's home: totals over all their orders, and the orders that have something to count. */
export class EmployerPipelineDto {
  newCandidates: number;
  interviewsToday: number;
  offersWaiting: number;
  @ApiProperty({ type: [OrderPipelineDto] })
  orders: OrderPipelineDto[];
}
