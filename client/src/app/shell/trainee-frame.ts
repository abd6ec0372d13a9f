import { ChangeDetectionStrategy, Component, afterNextRender, inject } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NotificationBell } from '../notifications/notification-bell';
import { Brand } from '../shared/brand';
import { LangToggle } from '../shared/lang-toggle';
import { Shell } from './shell';

/** A trainee's frame: phone first, big targets, a bottom bar (its state is the shell's). */
@Component({
  selector: 'jbh-trainee-frame',
  imports: [RouterOutlet, RouterLink, NzIconModule, Brand, LangToggle, NotificationBell],
  templateUrl: './trainee-frame.html',
  styleUrls: ['./trainee-frame.css', './bottom-nav.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TraineeFrame {
  private readonly shell = inject(Shell);
  protected readonly t = this.shell.t;
  protected readonly nav = this.shell.nav;
  protected readonly secondary = this.shell.secondary;
  protected readonly isActive = this.shell.isActive.bind(this.shell);

  constructor() {
    afterNextRender(() => this.shell.framed());
  }
}
