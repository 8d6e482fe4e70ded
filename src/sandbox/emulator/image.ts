/**
 * Reads the pixel size from an image header (PNG, JPEG, GIF, WebP) without decoding it, so
 * an uploaded photo gets a PhotoSize array with believable dimensions. Anything else falls
 * back to a fixed size: tests often upload a few random bytes as a "photo".
 */
export interface ImageSize {
  width: number;
  height: number;
}

export const FALLBACK_IMAGE_SIZE: ImageSize = { width: 640, height: 480 };

export function imageSize(data: Buffer): ImageSize | undefined {
  return png(data) ?? jpeg(data) ?? gif(data) ?? webp(data);
}

function png(data: Buffer): ImageSize | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length < 24 || !data.subarray(0, 8).equals(signature)) return undefined;
  return valid(data.readUInt32BE(16), data.readUInt32BE(20));
}

function jpeg(data: Buffer): ImageSize | undefined {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < data.length) {
    if (data[i] !== 0xff) return undefined;
    const marker = data[i + 1] ?? 0;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    // Markers without a length field.
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = data.readUInt16BE(i + 2);
    // SOF0…SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return valid(data.readUInt16BE(i + 7), data.readUInt16BE(i + 5));
    }
    i += 2 + length;
  }
  return undefined;
}

function gif(data: Buffer): ImageSize | undefined {
  if (data.length < 10 || data.toString("latin1", 0, 4) !== "GIF8") return undefined;
  return valid(data.readUInt16LE(6), data.readUInt16LE(8));
}

function webp(data: Buffer): ImageSize | undefined {
  if (data.length < 30 || data.toString("latin1", 0, 4) !== "RIFF" || data.toString("latin1", 8, 12) !== "WEBP") {
    return undefined;
  }
  const chunk = data.toString("latin1", 12, 16);
  if (chunk === "VP8X") return valid(1 + data.readUIntLE(24, 3), 1 + data.readUIntLE(27, 3));
  if (chunk === "VP8 ") return valid(data.readUInt16LE(26) & 0x3fff, data.readUInt16LE(28) & 0x3fff);
  if (chunk === "VP8L") {
    const bits = data.readUInt32LE(21);
    return valid((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  return undefined;
}

function valid(width: number, height: number): ImageSize | undefined {
  return width > 0 && height > 0 ? { width, height } : undefined;
}
