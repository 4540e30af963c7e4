/**
 * Text laid out in columns for a terminal: how wide a string shows, where
 * East Asian wide characters (Japanese among them) take two columns.
 *
 * @module
 */

/** True for a code point a terminal shows two columns wide. */
function isWide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
}

/**
 * The number of terminal columns `text` takes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(displayWidth("abc"), 3);
 * assert.deepEqual(displayWidth("種類"), 4);
 * ```
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) width += isWide(c.codePointAt(0)!) ? 2 : 1;
  return width;
}
