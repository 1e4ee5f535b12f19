/**
 * The tray icon, drawn in code so no image file has to ship: a filled disc in the colour of the
 * indicator's tone, with a mark that tells the states apart without colour (a ring while busy,
 * a bar while a restart waits, a cross for trouble). Pure: returns PNG bytes.
 */
import { deflateSync } from 'node:zlib'

/** The looks of the icon; each maps to one colour and mark. */
export const ICON_TONES = ['free', 'busy', 'waiting', 'restart', 'trouble', 'offline'] as const
export type IconTone = (typeof ICON_TONES)[number]

type Rgb = readonly [number, number, number]

const COLOURS: Record<IconTone, Rgb> = {
  free: [46, 125, 50],
  busy: [21, 101, 192],
  waiting: [117, 117, 117],
  restart: [239, 108, 0],
  trouble: [198, 40, 40],
  offline: [97, 97, 97],
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** Encodes RGBA pixels (row-major, 4 bytes each) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4)
    throw new RangeError(
      `the pixels hold ${rgba.length} bytes; ${width}×${height} RGBA needs ${width * height * 4}`,
    )
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // colour type RGBA
  const raw = Buffer.alloc(height * (width * 4 + 1))
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0 // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ])
}

/** Whether the point (x, y), in units of the icon's radius from its centre, is part of the mark. */
function inMark(tone: IconTone, x: number, y: number): boolean {
  const r = Math.hypot(x, y)
  switch (tone) {
    case 'busy':
      return r > 0.35 && r < 0.55 && !(x > 0 && y < 0) // an open ring: work in progress
    case 'restart':
      return Math.abs(x) < 0.12 && y > -0.55 && y < 0.2 // an exclamation mark
        ? true
        : Math.abs(x) < 0.12 && y > 0.35 && y < 0.55
    case 'trouble':
      return r < 0.6 && (Math.abs(x - y) < 0.17 || Math.abs(x + y) < 0.17) // a cross
    case 'waiting':
      return (Math.abs(x) < 0.1 && y > -0.5 && y < 0.05) || (Math.abs(y) < 0.1 && x > -0.05 && x < 0.4) // clock hands
    case 'offline':
      return Math.abs(y) < 0.12 && Math.abs(x) < 0.5 // a bar
    case 'free':
      return false
  }
}

/** Draws the icon of a tone at `size` pixels square, antialiased by 4×4 supersampling. */
export function renderTrayIcon(tone: IconTone, size = 22): Buffer {
  const [red, green, blue] = COLOURS[tone]
  const pixels = new Uint8Array(size * size * 4)
  const samples = 4
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let disc = 0
      let mark = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * 2 - 1
          const y = ((py + (sy + 0.5) / samples) / size) * 2 - 1
          if (Math.hypot(x, y) <= 0.95) {
            disc++
            if (inMark(tone, x / 0.95, y / 0.95)) mark++
          }
        }
      }
      const total = samples * samples
      const cover = disc / total
      const white = disc === 0 ? 0 : mark / disc
      const at = (py * size + px) * 4
      pixels[at] = Math.round(red + (255 - red) * white)
      pixels[at + 1] = Math.round(green + (255 - green) * white)
      pixels[at + 2] = Math.round(blue + (255 - blue) * white)
      pixels[at + 3] = Math.round(255 * cover)
    }
  }
  return encodePng(size, size, pixels)
}
