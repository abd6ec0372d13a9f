import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  type OnDestroy,
  type AfterViewInit,
  inject,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FairsI18n } from '../fairs-i18n';
import { CameraError, type CameraProblem, type QrScan, openRearCamera, scanQr, stopCamera } from './qr-camera';

/**
 * The desk's camera: opens the rear camera while it is shown and reports each QR text it reads.
 * Removing it from the page turns the camera off.
 */
@Component({
  selector: 'jbh-desk-scanner',
  template: `
    <div class="frame" data-testid="desk-scanner">
      <video #video class="video" muted playsinline autoplay aria-hidden="true"></video>
      <div class="target" aria-hidden="true"></div>
    </div>
    <p class="hint" role="status" data-testid="desk-scanner-status">
      {{ ready() ? t('desk.scanHint') : t('desk.scanStarting') }}
    </p>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 16px;
    }
    .frame {
      position: relative;
      aspect-ratio: 4 / 3;
      background: #141414;
      border-radius: 10px;
      overflow: hidden;
    }
    .video {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .target {
      position: absolute;
      inset: 18% 24%;
      border: 3px solid rgba(255, 255, 255, 0.85);
      border-radius: 8px;
      box-shadow: 0 0 0 2000px rgba(0, 0, 0, 0.25);
    }
    .hint {
      margin: 8px 0 0;
      text-align: center;
      color: rgba(0, 0, 0, 0.65);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeskScanner implements AfterViewInit, OnDestroy {
  /** Each text read (repeated while a code is held up). */
  readonly read = output<string>();
  /** The camera could not be opened; the desk falls back to typing. */
  readonly failed = output<CameraProblem>();
  protected readonly t = inject(FairsI18n).t;
  protected readonly ready = signal(false);
  private readonly video = viewChild.required<ElementRef<HTMLVideoElement>>('video');
  private scan: QrScan | undefined;
  private destroyed = false;

  ngAfterViewInit(): void {
    void this.start();
  }

  private async start(): Promise<void> {
    let stream: MediaStream;
    try {
      stream = await openRearCamera();
    } catch (error) {
      if (!this.destroyed) this.failed.emit(error instanceof CameraError ? error.problem : 'failed');
      return;
    }
    if (this.destroyed) {
      stopCamera(stream);
      return;
    }
    try {
      const scan = await scanQr(stream, this.video().nativeElement, (text) => this.read.emit(text));
      if (this.destroyed) scan.stop();
      else {
        this.scan = scan;
        this.ready.set(true);
      }
    } catch {
      stopCamera(stream);
      if (!this.destroyed) this.failed.emit('failed');
    }
  }

  ngOnDestroy(): void {
    this.destroyed = true;
    this.scan?.stop();
  }
}
