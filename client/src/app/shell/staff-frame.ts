import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, afterNextRender, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzDropDownModule } from 'ng-zorro-antd/dropdown';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzLayoutModule } from 'ng-zorro-antd/layout';
import { NzMenuModule } from 'ng-zorro-antd/menu';
import { filter } from 'rxjs';
import { NotificationBell } from '../notifications/notification-bell';
import { Brand } from '../shared/brand';
import { LangToggle } from '../shared/lang-toggle';
import { Shell } from './shell';

/**
 * Staff's frame: a header with the user menu, the side menu (a drawer behind ☰ on phones), and a
 * station counsellor's bottom tabs on a phone. Its state is the shell's; the drawer is its own.
 */
@Component({
  selector: 'jbh-staff-frame',
  imports: [
    NgTemplateOutlet,
    RouterOutlet,
    RouterLink,
    NzLayoutModule,
    NzMenuModule,
    NzDropDownModule,
    NzDrawerModule,
    NzButtonModule,
    NzIconModule,
    Brand,
    LangToggle,
    NotificationBell,
  ],
  templateUrl: './staff-frame.html',
  styleUrls: ['./staff-frame.css', './bottom-nav.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffFrame {
  private readonly shell = inject(Shell);
  protected readonly t = this.shell.t;
  protected readonly isPhone = this.shell.isPhone;
  protected readonly user = this.shell.user;
  protected readonly initial = this.shell.initial;
  protected readonly nav = this.shell.nav;
  protected readonly tabs = this.shell.tabs;
  protected readonly showTabs = this.shell.showTabs;
  protected readonly due = this.shell.due;
  protected readonly secondary = this.shell.secondary;
  protected readonly isActive = this.shell.isActive.bind(this.shell);
  protected readonly drawerOpen = signal(false);
  /** The phone menu's drawer exists once it has been opened (see the template). */
  protected readonly drawerUsed = signal(false);
  /** The user menu's entries exist once it has been opened (see the template). */
  protected readonly userMenuUsed = signal(false);

  constructor() {
    afterNextRender(() => this.shell.framed());
    // Close the phone drawer once a menu entry has navigated.
    inject(Router)
      .events.pipe(
        filter((e) => e instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.drawerOpen.set(false));
  }

  protected openDrawer(): void {
    this.drawerUsed.set(true);
    this.drawerOpen.set(true);
  }

  protected userMenuOpened(open: boolean): void {
    if (open) this.userMenuUsed.set(true);
  }

  protected closeDrawer(): void {
    this.drawerOpen.set(false);
  }

  protected toggleLang(): void {
    this.shell.toggleLang();
  }

  protected logout(): void {
    void this.shell.logout();
  }
}
