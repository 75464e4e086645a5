// The QR matrix of a payment code, and drawing it on any 2D context (weapp's Canvas 2d node, the
// H5 build's canvas element): dark modules black on white with a 4-module quiet zone, so a POS
// scanner (or the e2e test's decoder, from a screenshot) reads it.
import qrcode from 'qrcode-generator';

export interface QrMatrix {
  size: number;
  dark: (row: number, col: number) => boolean;
}

/** Redemption codes are RC + base32 (A–Z, 2–7): QR's alphanumeric mode fits them in version 3. */
export function qrMatrix(text: string): QrMatrix {
  const qr = qrcode(0, 'M');
  qr.addData(text, /^[0-9A-Z $%*+\-./:]*$/.test(text) ? 'Alphanumeric' : 'Byte');
  qr.make();
  return { size: qr.getModuleCount(), dark: (r, c) => qr.isDark(r, c) };
}

interface Context2d {
  fillStyle: string | unknown;
  fillRect(x: number, y: number, w: number, h: number): void;
}

const QUIET_ZONE = 4;

/** Draws the matrix to fill `pixels` × `pixels`, whole pixels per module. */
export function drawQr(ctx: Context2d, matrix: QrMatrix, pixels: number): void {
  const modules = matrix.size + QUIET_ZONE * 2;
  const cell = Math.max(1, Math.floor(pixels / modules));
  const offset = Math.floor((pixels - cell * modules) / 2) + QUIET_ZONE * cell;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, pixels, pixels);
  ctx.fillStyle = '#000000';
  for (let r = 0; r < matrix.size; r++) {
    for (let c = 0; c < matrix.size; c++) {
      if (matrix.dark(r, c)) ctx.fillRect(offset + c * cell, offset + r * cell, cell, cell);
    }
  }
}
