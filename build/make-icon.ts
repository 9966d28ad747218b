/**
 * Draws Custode's icon (a teal shield with a check mark on a dark rounded square) as PNG files, with no image
 * tools: `node build/make-icon.ts`. Writes build/icon.png (packaging) and renderer/public/icon.png (window, favicon).
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Coverage of a unit-square point by the icon's shapes, sampled 4×4 per pixel for smooth edges. */
function shade(u: number, v: number): [number, number, number, number] {
  const r = 0.18;
  const inSquare = (() => {
    const dx = Math.max(Math.abs(u - 0.5) - (0.5 - r), 0);
    const dy = Math.max(Math.abs(v - 0.5) - (0.5 - r), 0);
    return dx * dx + dy * dy <= r * r;
  })();
  if (!inSquare) return [0, 0, 0, 0];
  const top = 0.17, mid = 0.55, bottom = 0.86, half = 0.31;
  let inShield = false;
  // Top edge with bevelled corners, straight sides, then an elliptical point.
  if (v >= top && v <= mid) inShield = Math.abs(u - 0.5) <= half && !(v < top + 0.05 && Math.abs(u - 0.5) > half - (top + 0.05 - v) * 2);
  else if (v > mid && v <= bottom) inShield = Math.abs(u - 0.5) <= half * Math.sqrt(1 - ((v - mid) / (bottom - mid)) ** 2);
  const onSegment = (ax: number, ay: number, bx: number, by: number, w: number): boolean => {
    const t = Math.max(0, Math.min(1, ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return (u - (ax + t * (bx - ax))) ** 2 + (v - (ay + t * (by - ay))) ** 2 <= w * w;
  };
  const check = onSegment(0.37, 0.5, 0.47, 0.61, 0.045) || onSegment(0.47, 0.61, 0.65, 0.39, 0.045);
  if (inShield && check) return [255, 255, 255, 255];
  if (inShield) return [13, 154, 139, 255];
  return [20, 32, 44, 255];
}

function icon(size: number): Buffer {
  const s = 4;
  return png(size, (x, y) => {
    const acc = [0, 0, 0, 0];
    for (let i = 0; i < s; i++)
      for (let j = 0; j < s; j++) {
        const p = shade((x + (i + 0.5) / s) / size, (y + (j + 0.5) / s) / size);
        for (let k = 0; k < 4; k++) acc[k]! += p[k]! * (k === 3 ? 1 : p[3]! / 255);
      }
    const alpha = acc[3]! / (s * s);
    return alpha === 0 ? [0, 0, 0, 0] : [acc[0]! / (alpha / 255) / (s * s), acc[1]! / (alpha / 255) / (s * s), acc[2]! / (alpha / 255) / (s * s), alpha].map(Math.round) as [number, number, number, number];
  });
}

writeFileSync(new URL('./icon.png', import.meta.url), icon(512));
writeFileSync(new URL('../renderer/public/icon.png', import.meta.url), icon(256));
