import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { AuthStore } from '../core/auth/auth-store';
import { UnsentVisitsCheck } from '../follow-ups/unsent-visits-check';
import { MeHub } from './me-hub';

describe('MeHub', () => {
  let logout: ReturnType<typeof vi.spyOn>;
  const unsent = { confirmLogout: vi.fn<() => Promise<boolean>>() };

  beforeEach(() => {
    localStorage.clear();
    unsent.confirmLogout.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIconsTesting(),
        { provide: UnsentVisitsCheck, useValue: unsent },
      ],
    });
    logout = vi.spyOn(TestBed.inject(AuthStore), 'logout').mockImplementation(() => undefined);
  });

  async function render() {
    const fixture = TestBed.createComponent(MeHub);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, button: root.querySelector<HTMLButtonElement>('[data-testid="me-logout"]') };
  }

  it('ends with a sign-out button, set apart below the privacy box', async () => {
    const { root, button } = await render();
    expect(button?.textContent).toContain('退出登录');
    const section = root.querySelector('[data-testid="me-sign-out"]')!;
    const privacy = root.querySelector('jbh-privacy-box')!;
    expect(privacy.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(section.textContent).toContain('别人再用这台手机');
  });

  it('signs out through the shell’s check for unsent visits', async () => {
    unsent.confirmLogout.mockResolvedValue(true);
    const { fixture, button } = await render();
    button!.click();
    await fixture.whenStable();
    expect(unsent.confirmLogout).toHaveBeenCalledTimes(1);
    expect(logout).toHaveBeenCalledTimes(1);
  });

  it('stays signed in when the unsent-visits question is cancelled', async () => {
    unsent.confirmLogout.mockResolvedValue(false);
    const { fixture, button } = await render();
    button!.click();
    await fixture.whenStable();
    expect(unsent.confirmLogout).toHaveBeenCalledTimes(1);
    expect(logout).not.toHaveBeenCalled();
  });
});
