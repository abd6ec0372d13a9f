import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { followUpsControllerClearAppointment } from '../core/api/generated/fn/follow-ups/follow-ups-controller-clear-appointment';
import { followUpsControllerSetAppointment } from '../core/api/generated/fn/follow-ups/follow-ups-controller-set-appointment';
import type { FollowUpVisitDto } from './follow-ups-api';
import { VisitAppointment } from './visit-appointment';

const planned = (appointmentAt: string | null): FollowUpVisitDto =>
  ({ id: 'v1', traineeName: '学员甲', monthsAfter: 3, dueOn: '2026-12-20', state: 'planned', appointmentAt }) as FollowUpVisitDto;

describe('VisitAppointment', () => {
  let http: HttpTestingController;

  function render(visit: FollowUpVisitDto) {
    const fixture = TestBed.createComponent(VisitAppointment);
    fixture.componentRef.setInput('visit', visit);
    const emitted: FollowUpVisitDto[] = [];
    fixture.componentInstance.changed.subscribe((v) => emitted.push(v));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const q = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    return { fixture, el, q, emitted };
  }

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideNzIconsTesting()] });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('books the agreed China time with its +08:00 offset and shows it', async () => {
    const { fixture, q, emitted } = render(planned(null));
    expect(q('appointment-at')).toBeNull();
    q('appointment-book')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    const input = q('appointment-input') as HTMLInputElement;
    input.value = '2099-12-09T14:30';
    input.dispatchEvent(new Event('input'));
    q('appointment-save')!.click();
    fixture.detectChanges();
    const req = http.expectOne((r) => r.method === 'PUT' && r.url.endsWith(followUpsControllerSetAppointment.PATH.replace('{id}', 'v1')));
    expect(req.request.body).toEqual({ at: '2099-12-09T14:30:00+08:00' });
    req.flush(planned('2099-12-09T06:30:00.000Z'));
    fixture.detectChanges();
    expect(emitted.map((v) => v.appointmentAt)).toEqual(['2099-12-09T06:30:00.000Z']);
    expect(q('appointment-said')!.textContent).toContain('14:30');
  });

  it('cancels a booking, and shows the server’s refusal in place', () => {
    const { fixture, q, emitted } = render(planned('2099-12-09T06:30:00.000Z'));
    expect(q('appointment-at')!.textContent).toContain('14:30');
    q('appointment-clear')!.click();
    fixture.detectChanges();
    const path = followUpsControllerClearAppointment.PATH.replace('{id}', 'v1');
    http
      .expectOne((r) => r.method === 'DELETE' && r.url.endsWith(path))
      .flush(
        { statusCode: 404, code: 'NOT_FOUND', message: '找不到该回访', messageEn: 'Visit not found' },
        { status: 404, statusText: 'Not Found' },
      );
    fixture.detectChanges();
    expect(emitted).toEqual([]);
    expect(q('appointment-error')).not.toBeNull();
    q('appointment-clear')!.click();
    fixture.detectChanges();
    http.expectOne((r) => r.method === 'DELETE' && r.url.endsWith(path)).flush(planned(null));
    fixture.detectChanges();
    expect(emitted.map((v) => v.appointmentAt)).toEqual([null]);
  });
});
