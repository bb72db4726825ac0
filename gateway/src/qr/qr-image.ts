import QRCode from 'qrcode';

/** Image formats for printing a pass's QR code. */
export const qrImageFormats = ['png', 'svg'] as const;
export type QrImageFormat = (typeof qrImageFormats)[number];

/** A rendered QR image with its media type. */
export interface QrImage {
  readonly contentType: string;
  readonly body: Buffer;
}

/** Renders a payload as a PNG or SVG QR code, with medium error correction for worn cards. */
export async function renderQr(payload: string, format: QrImageFormat): Promise<QrImage> {
  const options = { errorCorrectionLevel: 'M' as const, margin: 2 };
  if (format === 'svg') {
    const svg = await QRCode.toString(payload, { ...options, type: 'svg' });
    return { contentType: 'image/svg+xml', body: Buffer.from(svg, 'utf8') };
  }
  return {
    contentType: 'image/png',
    body: await QRCode.toBuffer(payload, { ...options, type: 'png', width: 320 }),
  };
}
