import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { MANIFEST_DIR } from '../../src/package/buildAppPackage';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE, checkIcon, decodePng } from '../../src/package/checkIcons';

/** A PNG of `size`×`size` pixels, each given by `pixel(x, y)` as [r, g, b, a]. */
function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const image = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) image.data.set(pixel(x, y), (y * size + x) * 4);
  }
  return PNG.sync.write(image);
}

/** A white ring on transparent, anti-aliased at its edges, as an outline icon is drawn. */
const ring = (size: number) => png(size, (x, y) => {
  const d = Math.abs(Math.hypot(x - size / 2, y - size / 2) - size / 3);
  return d < 1 ? [255, 255, 255, 255] : d < 2 ? [255, 255, 255, 128] : [0, 0, 0, 0];
});

describe('checkIcons', () => {
  describe('the icons in manifest/', () => {
    const color = PNG.sync.read(readFileSync(join(MANIFEST_DIR, 'color.png')));
    const outline = PNG.sync.read(readFileSync(join(MANIFEST_DIR, 'outline.png')));
    const pixels = (image: PNG): [number, number, number, number][] =>
      Array.from({ length: image.width * image.height }, (_, i) => [...image.data.subarray(i * 4, i * 4 + 4)] as [number, number, number, number]);

    it('are 192×192 in full colour and 32×32 for the outline', () => {
      expect([color.width, color.height]).toEqual([192, 192]);
      expect([outline.width, outline.height]).toEqual([32, 32]);
    });

    it('include a colour icon that is opaque and not one flat colour', () => {
      const all = pixels(color);
      expect(all.every(([, , , a]) => a === 255)).toBe(true);
      expect(new Set(all.map((p) => p.join())).size).toBeGreaterThan(3);
    });

    it('include an outline that is white on transparent: every pixel fully transparent or white, with some of each', () => {
      const all = pixels(outline);
      const offenders = all.filter(([r, g, b, a]) => a !== 0 && !(r === 255 && g === 255 && b === 255));
      expect(offenders).toEqual([]);
      expect(all.filter(([, , , a]) => a === 0).length).toBeGreaterThan(all.length / 2);
      expect(all.filter(([, , , a]) => a === 255).length).toBeGreaterThan(50);
    });

    it('pass checkIcon', () => {
      expect(checkIcon('color', 'color.png', readFileSync(join(MANIFEST_DIR, 'color.png')))).toEqual([]);
      expect(checkIcon('outline', 'outline.png', readFileSync(join(MANIFEST_DIR, 'outline.png')))).toEqual([]);
    });
  });

  describe('decodePng', () => {
    it('gives the size and the pixels, or why the bytes are not a PNG', () => {
      const image = decodePng(ring(32));
      expect(typeof image === 'object' && [image.width, image.height, image.data.length]).toEqual([32, 32, 32 * 32 * 4]);
      expect(typeof decodePng(Buffer.from('GIF89a'))).toBe('string');
    });
  });

  describe('checkIcon', () => {
    it('accepts an anti-aliased white outline at 32×32 and a coloured square at 192×192', () => {
      expect(checkIcon('outline', 'outline.png', ring(OUTLINE_ICON_SIZE))).toEqual([]);
      expect(checkIcon('color', 'color.png', png(COLOR_ICON_SIZE, (x) => (x < 96 ? [29, 112, 184, 255] : [0, 112, 60, 255])))).toEqual([]);
    });

    it.each([
      ['a colour icon of the outline\'s size', 'color', () => ring(32), ['color.png: is 32×32 pixels; Teams wants the color icon 192×192']],
      ['an outline of the colour icon\'s size', 'outline', () => ring(192), ['outline.png: is 192×192 pixels; Teams wants the outline icon 32×32']],
      ['an outline with a grey pixel', 'outline', () => png(32, (x, y) => (x === 5 && y === 7 ? [200, 200, 200, 255] : x === y ? [255, 255, 255, 255] : [0, 0, 0, 0])), [
        'outline.png: 1 pixel is neither transparent nor white (the first at x 5, y 7: rgba(200, 200, 200, 255)); the outline icon must be white on a transparent background',
      ]],
      ['an outline drawn black on white', 'outline', () => png(32, (x, y) => (x === y ? [0, 0, 0, 255] : [255, 255, 255, 255])), [
        expect.stringMatching(/^outline\.png: 32 pixels are neither transparent nor white \(the first at x 0, y 0: rgba\(0, 0, 0, 255\)\)/),
        'outline.png: has no transparent pixels; the outline icon must be white on a transparent background',
      ]],
      ['an outline with a half-transparent black edge', 'outline', () => png(32, (x) => (x === 3 ? [0, 0, 0, 40] : [0, 0, 0, 0])), [
        'outline.png: 32 pixels are neither transparent nor white (the first at x 3, y 0: rgba(0, 0, 0, 40)); the outline icon must be white on a transparent background',
      ]],
      ['a fully transparent colour icon', 'color', () => png(192, () => [29, 112, 184, 0]), ['color.png: every pixel is transparent, so the icon would not show']],
      ['a file that is not a PNG', 'color', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), [expect.stringMatching(/^color\.png: is not a PNG image \(.+\)$/)]],
    ] as [string, 'color' | 'outline', () => Buffer, unknown[]][])('names the problem with %s', (_, kind, bytes, problems) => {
      expect(checkIcon(kind, `${kind}.png`, bytes())).toEqual(problems);
    });
  });
});
