import { PNG } from 'pngjs';

/** The side of the full-colour icon Teams asks for, in pixels. */
export const COLOR_ICON_SIZE = 192;

/** The side of the outline icon Teams asks for, in pixels. */
export const OUTLINE_ICON_SIZE = 32;

/** Which of the app's two icons: the full-colour one, or the white-on-transparent outline. */
export type IconKind = 'color' | 'outline';

/** A decoded icon: its size and its pixels as RGBA bytes, row by row. */
export interface IconImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Decodes a PNG file's bytes, or returns the reason it cannot be read. */
export function decodePng(bytes: Buffer): IconImage | string {
  try {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: png.data };
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Checks an icon as Teams wants it: a PNG, 192×192 for the colour icon, 32×32 for the outline, and the outline
 * white on transparent (every pixel fully transparent or pure white, at any opacity, and not all of them
 * transparent). Returns one line per problem, each starting with `name`; empty when the icon is fine.
 */
export function checkIcon(kind: IconKind, name: string, bytes: Buffer): string[] {
  const image = decodePng(bytes);
  if (typeof image === 'string') return [`${name}: is not a PNG image (${image})`];
  const size = kind === 'color' ? COLOR_ICON_SIZE : OUTLINE_ICON_SIZE;
  const problems: string[] = [];
  if (image.width !== size || image.height !== size) {
    problems.push(`${name}: is ${image.width}×${image.height} pixels; Teams wants the ${kind} icon ${size}×${size}`);
  }
  const { visible, offWhite, firstOffWhite } = countPixels(image);
  if (visible === 0) problems.push(`${name}: every pixel is transparent, so the icon would not show`);
  if (kind === 'outline') {
    if (offWhite > 0) {
      problems.push(`${name}: ${offWhite} pixel${offWhite === 1 ? ' is' : 's are'} neither transparent nor white ` +
        `(the first ${firstOffWhite}); the outline icon must be white on a transparent background`);
    }
    if (visible === image.width * image.height) {
      problems.push(`${name}: has no transparent pixels; the outline icon must be white on a transparent background`);
    }
  }
  return problems;
}

function countPixels(image: IconImage): { visible: number; offWhite: number; firstOffWhite: string } {
  let visible = 0;
  let offWhite = 0;
  let firstOffWhite = '';
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] === 0) continue;
    visible++;
    if (d[i] === 255 && d[i + 1] === 255 && d[i + 2] === 255) continue;
    if (offWhite++ === 0) {
      const p = i / 4;
      firstOffWhite = `at x ${p % image.width}, y ${Math.floor(p / image.width)}: rgba(${d[i]}, ${d[i + 1]}, ${d[i + 2]}, ${d[i + 3]})`;
    }
  }
  return { visible, offWhite, firstOffWhite };
}
