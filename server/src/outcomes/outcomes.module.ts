import { Module } from '@nestjs/common';
import { OutcomesRepository } from './outcomes.repository';
import { OutcomesService } from './outcomes.service';

/**
 * The per-person outcome table the reports count (`trainee_outcome`), kept current by the modules that
 * write its inputs. Imports no domain module, so every one of them may import it.
 */
@Module({
  providers: [OutcomesService, OutcomesRepository],
  exports: [OutcomesService],
})
export class OutcomesModule {}
