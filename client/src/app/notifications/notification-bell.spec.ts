import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { NotificationBell } from './notification-bell';
import { notificationsControllerMine } from '../core/api/generated/fn/notifications/notifications-controller-mine';

const notice = (id: string) => ({
  id,
  kind: 'test',
  title: id,
  titleEn: id,
  link: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  read: false,
});
const page = (ids: string[], nextCursor: string | null, unread = 3) => ({
  items: ids.map(notice),
  unread,
  total: 120,
  totalCapped: false,
  page: 1,
  pageSize: 50,
  nextCursor,
});

describe('NotificationBell', () => {
  let httpMock: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNzIconsTesting(), provideRouter([])],
    });
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  /** Answers the one open inbox request and returns its query. */
  function answer(body: object): Record<string, string> {
    const req = httpMock.expectOne((r) => r.url === notificationsControllerMine.PATH);
    const params = Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k)!]));
    req.flush(body);
    return params;
  }

  it('loads the latest 50, then the older ones by the cursor, added below', () => {
    const bell = TestBed.createComponent(NotificationBell).componentInstance;
    expect(answer(page(['n1', 'n2'], 'CUR1'))).toEqual({ page: '1', pageSize: '50' });
    bell['more']();
    expect(answer(page(['n3'], null, 2))).toEqual({ page: '1', pageSize: '50', after: 'CUR1' });
    expect(bell['items']().map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(bell['unread']()).toBe(2);
    // On the last page there is nothing more to ask for.
    bell['more']();
    httpMock.expectNone(notificationsControllerMine.PATH);
  });

  it("builds the inbox's notices when it is first opened, not on every page load", () => {
    const fixture = TestBed.createComponent(NotificationBell);
    const bell = fixture.componentInstance;
    const formatted = vi.spyOn(bell as unknown as { dateTime: (iso: string) => string }, 'dateTime');
    fixture.detectChanges();
    answer(page(['n1', 'n2'], null));
    fixture.detectChanges();
    // Closed: the badge counts them, but no notice has been built.
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('3');
    expect(formatted).not.toHaveBeenCalled();
    bell['toggled'](true);
    answer(page(['n1', 'n2'], null));
    fixture.detectChanges();
    expect(formatted).toHaveBeenCalledTimes(2);
    // Closed again, the built inbox stays (it would otherwise empty while fading out) and follows the list.
    bell['toggled'](false);
    fixture.detectChanges();
    expect(formatted).toHaveBeenCalledTimes(4);
  });
});
