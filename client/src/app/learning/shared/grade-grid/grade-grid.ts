import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { toApiError } from '../../../core/errors/api-error';
import { LearningApi } from '../../learning-api';
import { LearningI18n } from '../../learning-i18n';
import { type GraduationAuditDto, UNIT_PASS_SCORE, type UnitDto } from '../../learning-types';

/** One trainee's line in the grid: the scores recorded so far, by unit id. */
export interface GradeRow {
  readonly traineeId: string;
  readonly traineeName: string;
  readonly scores: Readonly<Record<string, number | null>>;
  readonly earnedCredits: number | null;
}

export type CellStatus = 'dirty' | 'invalid' | 'saving' | 'saved' | 'error';

interface Cell {
  readonly text: string;
  readonly status: CellStatus;
}

/** A score as typed: whole points from 0 to 100, or nothing typed yet. */
export function parseScore(text: string): number | 'empty' | 'invalid' {
  const value = text.trim();
  if (value === '') return 'empty';
  if (!/^\d{1,3}$/.test(value)) return 'invalid';
  const score = Number(value);
  return score <= 100 ? score : 'invalid';
}

const key = (traineeId: string, unitId: string) => `${traineeId}|${unitId}`;

/**
 * Trainees × units. A score is saved when the teacher leaves the cell or presses Enter (or with the
 * row's save button); anything outside 0–100 is marked and never sent. Each save answers with the
 * trainee's new audit, passed up so the page can show their credits.
 */
@Component({
  selector: 'jbh-grade-grid',
  imports: [NzButtonModule],
  templateUrl: './grade-grid.html',
  styleUrl: './grade-grid.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GradeGrid {
  readonly classId = input.required<string>();
  readonly units = input.required<readonly UnitDto[]>();
  readonly rows = input.required<readonly GradeRow[]>();
  readonly requiredCredits = input<number | null>(null);
  readonly graded = output<{ traineeId: string; audit: GraduationAuditDto }>();

  private readonly api = inject(LearningApi);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly passScore = UNIT_PASS_SCORE;

  private readonly cells = signal<Readonly<Record<string, Cell>>>({});
  protected readonly status = signal<{ readonly ok: boolean; readonly text: string } | null>(null);
  protected readonly invalidCount = computed(() => Object.values(this.cells()).filter((c) => c.status === 'invalid').length);

  protected text(row: GradeRow, unitId: string): string {
    const cell = this.cells()[key(row.traineeId, unitId)];
    if (cell) return cell.text;
    const score = row.scores[unitId];
    return score === null || score === undefined ? '' : String(score);
  }

  protected cellStatus(row: GradeRow, unitId: string): CellStatus | null {
    return this.cells()[key(row.traineeId, unitId)]?.status ?? null;
  }

  /** Below the pass mark (as typed, or as saved). */
  protected failing(row: GradeRow, unitId: string): boolean {
    const score = parseScore(this.text(row, unitId));
    return typeof score === 'number' && score < UNIT_PASS_SCORE;
  }

  protected rowDirty(row: GradeRow): boolean {
    return this.units().some((u) => this.cellStatus(row, u.id) === 'dirty' || this.cellStatus(row, u.id) === 'error');
  }

  protected type(row: GradeRow, unitId: string, text: string): void {
    const parsed = parseScore(text);
    const saved = row.scores[unitId] ?? null;
    const status: CellStatus | null = parsed === 'invalid' ? 'invalid' : parsed === 'empty' || parsed === saved ? null : 'dirty';
    this.setCell(row.traineeId, unitId, status === null ? null : { text, status });
  }

  /** Leaving a cell (or Enter) saves it when it holds a new, valid score; an emptied cell shows the saved one again. */
  protected commit(row: GradeRow, unitId: string, input?: HTMLInputElement): void {
    const cell = this.cells()[key(row.traineeId, unitId)];
    if (!cell && input && input.value.trim() === '') input.value = this.text(row, unitId);
    if (cell?.status === 'invalid') {
      this.status.set({ ok: false, text: this.t('grades.invalid', { name: row.traineeName, unit: this.unitName(unitId) }) });
      return;
    }
    if (cell?.status !== 'dirty' && cell?.status !== 'error') return;
    const score = parseScore(cell.text);
    if (typeof score !== 'number') return;
    this.save(row, unitId, score);
  }

  protected saveRow(row: GradeRow): void {
    for (const unit of this.units()) this.commit(row, unit.id);
  }

  private save(row: GradeRow, unitId: string, score: number): void {
    this.setCell(row.traineeId, unitId, { text: String(score), status: 'saving' });
    this.api.grade(this.classId(), { traineeId: row.traineeId, unitId, score }).subscribe({
      next: (audit) => {
        this.setCell(row.traineeId, unitId, { text: String(score), status: 'saved' });
        this.status.set({ ok: true, text: this.t('grades.saved', { name: row.traineeName, unit: this.unitName(unitId), score }) });
        this.graded.emit({ traineeId: row.traineeId, audit });
      },
      error: (err: unknown) => {
        this.setCell(row.traineeId, unitId, { text: String(score), status: 'error' });
        this.status.set({ ok: false, text: `${row.traineeName} · ${this.unitName(unitId)}: ${this.i18n.errorMessage(toApiError(err))}` });
      },
    });
  }

  private unitName(unitId: string): string {
    return this.units().find((u) => u.id === unitId)?.name ?? '';
  }

  private setCell(traineeId: string, unitId: string, cell: Cell | null): void {
    this.cells.update((cells) => {
      const next = { ...cells };
      if (cell) next[key(traineeId, unitId)] = cell;
      else delete next[key(traineeId, unitId)];
      return next;
    });
  }
}
