import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { ICON_TONES, encodePng, renderTrayIcon } from './tray-icon.ts'

function decode(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  let at = 8
  let width = 0
  let height = 0
  const data: Buffer[] = []
  while (at < png.length) {
    const length = png.readUInt32BE(at)
    const type = png.toString('ascii', at + 4, at + 8)
    const body = png.subarray(at + 8, at + 8 + length)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
    }
    if (type === 'IDAT') data.push(body)
    at += 12 + length
  }
  const raw = inflateSync(Buffer.concat(data))
  const pixels = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++)
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1))
  return { width, height, pixels }
}

describe('tray icon', () => {
  it('encodes RGBA pixels as a PNG that decodes to the same pixels', () => {
    const pixels = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4])
    const decoded = decode(encodePng(2, 2, pixels))
    expect(decoded.width).toBe(2)
    expect(decoded.height).toBe(2)
    expect([...decoded.pixels]).toEqual([...pixels])
  })

  it('refuses pixels that do not match the size, naming both', () => {
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow('the pixels hold 3 bytes; 2×2 RGBA needs 16')
  })

  it('draws a disc: opaque in the middle, transparent in the corners', () => {
    const { pixels, width } = decode(renderTrayIcon('free', 22))
    const alpha = (x: number, y: number): number => pixels[(y * width + x) * 4 + 3] ?? -1
    expect(alpha(0, 0)).toBe(0)
    expect(alpha(21, 21)).toBe(0)
    expect(alpha(11, 3)).toBe(255)
  })

  it('gives every tone its own picture', () => {
    const pictures = new Set(ICON_TONES.map((tone) => renderTrayIcon(tone).toString('base64')))
    expect(pictures.size).toBe(ICON_TONES.length)
  })

  it('marks states with a white sign so they differ without colour', () => {
    const whiteIn = (tone: (typeof ICON_TONES)[number]): number => {
      const { pixels } = decode(renderTrayIcon(tone, 22))
      let white = 0
      for (let i = 0; i < pixels.length; i += 4)
        if ((pixels[i] ?? 0) > 240 && (pixels[i + 1] ?? 0) > 240 && (pixels[i + 3] ?? 0) > 200) white++
      return white
    }
    expect(whiteIn('free')).toBe(0)
    for (const tone of ['busy', 'restart', 'trouble', 'waiting', 'offline'] as const)
      expect(whiteIn(tone)).toBeGreaterThan(5)
  })
})
