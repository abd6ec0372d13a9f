import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../common/events/domain-events';
import { VisitRecorded } from '../follow-ups/visit-recorded.event';
import { SupervisionService } from './supervision.service';

/**
 * 失联 follows the visits: every recorded visit is weighed, in its transaction, so a lost-contact case
 * opens (and the heads are told) together with the record that made it, or not at all.
 */
@Injectable()
export class VisitRecordedListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly supervision: SupervisionService,
  ) {}

  onModuleInit(): void {
    this.events.on(VisitRecorded, (e) => this.supervision.onVisitRecorded(e));
  }
}
