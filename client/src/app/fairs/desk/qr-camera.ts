/** Why the camera did not open: the desk then falls back to typing and says which of these it was. */
export type CameraProblem = 'denied' | 'no-camera' | 'failed';

export class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(`camera: ${problem}`);
  }
}

export interface QrScan {
  /** Stops reading and turns the camera off. */
  stop(): void;
}

/** The parts of the Barcode Detection API used here (not yet in TypeScript's DOM library). */
interface NativeDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
}

const SCAN_INTERVAL_MS = 150;

function problemOf(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'no-camera';
  return 'failed';
}

/** The rear camera when there is one (a phone), else any camera (a laptop). */
export async function openRearCamera(): Promise<MediaStream> {
  // No mediaDevices: an old browser, or a page not served over HTTPS.
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('no-camera');
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  } catch (error) {
    throw new CameraError(problemOf(error));
  }
}

export function stopCamera(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** The browser's own QR reader (Chrome on Android, Safari), when it has one. */
async function nativeDetector(): Promise<NativeDetector | null> {
  const Detector = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    return (await Detector.getSupportedFormats()).includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

/**
 * Reads QR codes from the camera into `video` until stopped, calling `onText` with each text read
 * (the same code many times a second while it is held up: the caller debounces). The ZXing reader
 * is loaded only here, the first time a desk opens the camera on a browser without its own.
 */
export async function scanQr(stream: MediaStream, video: HTMLVideoElement, onText: (text: string) => void): Promise<QrScan> {
  const native = await nativeDetector();
  if (native) {
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async (): Promise<void> => {
      if (stopped) return;
      try {
        const [first] = video.readyState >= 2 ? await native.detect(video) : [];
        if (first && !stopped) onText(first.rawValue);
      } catch {
        // A frame that cannot be read (the video is resizing): try the next one.
      }
      if (!stopped) timer = setTimeout(() => void tick(), SCAN_INTERVAL_MS);
    };
    void tick();
    return {
      stop: () => {
        stopped = true;
        clearTimeout(timer);
        stopCamera(stream);
      },
    };
  }
  const { BrowserQRCodeReader } = await import('@zxing/browser');
  const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: SCAN_INTERVAL_MS });
  const controls = await reader.decodeFromStream(stream, video, (result) => {
    if (result) onText(result.getText());
  });
  return {
    stop: () => {
      controls.stop();
      stopCamera(stream);
    },
  };
}
