import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gatewayTls, type NetworkContext } from '@stadspas/network';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { testNetwork } from './network';

/** The repository's test results; screenshots go to `screenshots/` below it. */
export const screenshotsDir = resolve(
  __dirname,
  '..',
  '..',
  '..',
  '.stadspas-test',
  'results',
  'screenshots',
);

/**
 * The Chromium to drive: `STADSPAS_CHROMIUM`, or the distribution's package (scripts/test.sh installs it).
 * @throws {Error} when there is none.
 */
export function chromiumPath(): string {
  const candidates = [process.env.STADSPAS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path) => path !== undefined && path !== '' && existsSync(path));
  if (found === undefined) {
    throw new Error(
      'no Chromium found: install the chromium package (scripts/test.sh does) or set STADSPAS_CHROMIUM',
    );
  }
  return found;
}

/** Options of {@link launchBrowser}. */
export interface LaunchOptions {
  /** A Y4M video the browser shows as its camera (see {@link qrCameraVideo}); without it, no camera. */
  readonly cameraVideo?: string;
}

/**
 * The flag that makes Chromium accept the certificates of the network's gateways, by their public keys (which a
 * renewal keeps): a browser of the demo would trust the organisations' TLS CAs instead (see the README).
 */
function trustingGateways(ctx: NetworkContext): string {
  const hashes = ctx.network.organisations.map((org) => {
    const certificate = new X509Certificate(readFileSync(gatewayTls(ctx, org).certPath));
    return createHash('sha256')
      .update(certificate.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
  });
  return `--ignore-certificate-errors-spki-list=${hashes.join(',')}`;
}

/** A headless Chromium that trusts the gateways; with a camera video, camera permission is granted without asking. */
export function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const camera =
    options.cameraVideo === undefined
      ? []
      : [
          '--use-fake-ui-for-media-stream',
          '--use-fake-device-for-media-stream',
          `--use-file-for-fake-video-capture=${options.cameraVideo}`,
        ];
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', trustingGateways(testNetwork()), ...camera],
  });
}

const videoWidth = 640;
const videoHeight = 480;

/**
 * Writes a short Y4M video (the format Chromium's fake camera plays, in a loop) that shows a QR code of the
 * payload, black on white, as a card held in front of the camera would.
 */
export async function qrCameraVideo(payload: string, path: string): Promise<string> {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const scale = Math.floor((videoHeight - 40) / (modules + 8));
  const size = modules * scale;
  const left = Math.floor((videoWidth - size) / 2);
  const top = Math.floor((videoHeight - size) / 2);
  const luma = Buffer.alloc(videoWidth * videoHeight, 235);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      if (qr.modules.get(Math.floor(y / scale), Math.floor(x / scale))) {
        luma[(top + y) * videoWidth + left + x] = 16;
      }
    }
  }
  const chroma = Buffer.alloc((videoWidth / 2) * (videoHeight / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${videoWidth} H${videoHeight} F10:1 Ip A1:1 C420jpeg\n`);
  await writeFile(path, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]));
  return path;
}

/** Saves a screenshot (the whole page, or only what the window shows) as a test artefact and answers its path. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  await mkdir(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/**
 * Signs a page in at a gateway with an API key through the sign-in form, and lands on `next`. The form is found
 * by its ids, so it works in whichever language the page speaks.
 */
export async function signIn(page: Page, gatewayUrl: string, apiKey: string, next: string): Promise<void> {
  await page.goto(`${gatewayUrl}${next}`);
  await page.locator('#apiKey').fill(apiKey);
  await Promise.all([
    page.waitForURL(`${gatewayUrl}${next}`),
    page.locator('#sign-in-form button[type="submit"]').click(),
  ]);
}

/** Fails with the page's accessibility violations (WCAG 2.2 A and AA, and the 2.0 and 2.1 rules under it), if any. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}
