import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ReferenceStore } from '../../shared/reference-store';
import { Viewport } from '../../shared/viewport';
import { TraineeForm } from '../trainee-form/trainee-form';
import { TraineesI18n } from '../trainees-i18n';
import type { TraineeDto, TraineeSkillDto } from '../trainees-types';
import { TraineeFileStore } from './trainee-file-store';

/** The profile: who, where from, and what work they hope for; editable by the holding organisation. */
@Component({
  selector: 'jbh-profile-section',
  imports: [NzButtonModule, NzDescriptionsModule, NzDrawerModule, NzIconModule, NzTagModule, TraineeForm],
  templateUrl: './profile-section.html',
  styles: `
    :host {
      display: block;
    }
    .section-actions {
      display: flex;
      justify-content: flex-end;
      margin-bottom: 12px;
    }
    .pre-line {
      white-space: pre-line;
    }
    .skill-line {
      display: block;
    }
    .internal-tag {
      margin-left: 6px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfileSection {
  protected readonly store = inject(TraineeFileStore);
  private readonly i18n = inject(TraineesI18n);
  private readonly message = inject(NzMessageService);
  private readonly reference = inject(ReferenceStore);
  protected readonly t = this.i18n.t;
  protected readonly isPhone = inject(Viewport).isPhone;
  protected readonly editing = signal(false);
  private readonly divisionName = computed(
    () => new Map(this.reference.divisions().map((d) => [d.code, this.i18n.pick(d.name, d.nameEn)] as const)),
  );

  constructor() {
    this.reference.loadDivisions();
  }

  protected list(values: readonly string[]): string {
    return values.length ? values.join(this.i18n.isEnglish() ? ', ' : '、') : this.t('none');
  }

  /** 中式烹调师 · 五级（初级工） / … · Level 5 (entry), from the level number (levelName is Chinese only). */
  protected skillLabel(s: TraineeSkillDto): string {
    const level = s.level ? this.i18n.tryT(`level.${s.level}`, s.levelName ?? '') : s.levelName;
    return level ? `${s.occupationName} · ${level}` : s.occupationName;
  }

  protected industryNames(tr: TraineeDto): string {
    return this.list(tr.preferredIndustries.map((i) => i.name));
  }

  protected divisionNames(tr: TraineeDto): string {
    return this.list(tr.preferredDivisions.map((code) => this.divisionName().get(code) ?? code));
  }

  protected saved(trainee: TraineeDto): void {
    this.store.setTrainee(trainee);
    this.editing.set(false);
    this.message.success(this.t('form.saved'));
  }
}
