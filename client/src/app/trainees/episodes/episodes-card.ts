import { HttpContext } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTimelineModule } from 'ng-zorro-antd/timeline';
import { ApiClient } from '../../core/api/generated/api-client';
import { traineesControllerEpisodes } from '../../core/api/generated/fn/trainees/trainees-controller-episodes';
import type { EpisodeDto } from '../../core/api/generated/models/episode-dto';
import { SILENT_ERRORS } from '../../core/errors/error-context';
import { ReentryI18n } from './episodes-i18n';

/** Every admission of the person (episodes), as a short timeline; nothing when there has been only one. */
@Component({
  selector: 'jbh-episodes-card',
  imports: [NzTagModule, NzTimelineModule],
  template: `
    @if (episodes().length > 1) {
      <section class="section-block episodes" aria-labelledby="ep-title" data-testid="episodes-card">
        <h3 id="ep-title" class="section-title">{{ t('ep.title') }}</h3>
        <nz-timeline>
          @for (e of episodes(); track e.id) {
            <nz-timeline-item [nzColor]="e.releasedOn ? 'gray' : 'blue'">
              <div class="episode" data-testid="episode">
                <strong>
                  {{ t('ep.number', { n: e.number }) }} · {{ date(e.admittedOn) }} · {{ reason(e.reason) }}
                  @if (!e.releasedOn) {
                    <nz-tag nzColor="blue" class="current">{{ t('ep.current') }}</nz-tag>
                  }
                </strong>
                <span class="muted small">
                  @if (e.facilityName) {
                    {{ e.facilityName }} ·
                  }
                  {{
                    e.releasedOn ? t('ep.released', { date: date(e.releasedOn) }) : t('ep.expected', { date: date(e.expectedReleaseOn) })
                  }}
                </span>
              </div>
            </nz-timeline-item>
          }
        </nz-timeline>
      </section>
    }
  `,
  styles: `
    .section-block {
      margin-bottom: 20px;
    }
    .section-title {
      margin: 0 0 12px;
      font-size: 16px;
      font-weight: 600;
    }
    .episode {
      display: flex;
      flex-direction: column;
      gap: 2px;
      overflow-wrap: anywhere;
    }
    .current {
      margin-left: 6px;
      font-weight: normal;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EpisodesCard {
  readonly traineeId = input.required<string>();

  private readonly api = inject(ApiClient);
  private readonly i18n = inject(ReentryI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly reason = this.i18n.reason;
  protected readonly episodes = signal<EpisodeDto[]>([]);

  constructor() {
    effect((onCleanup) => {
      const id = this.traineeId();
      this.episodes.set([]);
      const sub = this.api
        .invoke(traineesControllerEpisodes, { id }, new HttpContext().set(SILENT_ERRORS, true))
        .subscribe({ next: (list) => this.episodes.set(list), error: () => this.episodes.set([]) });
      onCleanup(() => sub.unsubscribe());
    });
  }
}
