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

/** `text` cut to at most `width` columns, ending in `…` when it was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  for (const c of text) {
    const w = isWide(c.codePointAt(0)!) ? 2 : 1;
    if (used + w > width - 1) break;
    out += c;
    used += w;
  }
  return `${out}…`;
}

/**
 * Column widths that fit `maxWidth` (with two spaces between), cutting the
 * widest first: down to 8 columns while that is enough, then down to 3 (two
 * characters and `…`), so that even a wide table fits.
 */
function fitted(widths: number[], maxWidth: number): number[] {
  const out = [...widths];
  let total = out.reduce((a, b) => a + b, 0) + 2 * (out.length - 1);
  for (const floor of [8, 3]) {
    while (total > maxWidth) {
      const widest = out.indexOf(Math.max(...out));
      if (out[widest] <= floor) break;
      out[widest]--;
      total--;
    }
  }
  return out;
}

/**
 * Rows laid out in columns two spaces apart, each as wide as its widest cell
 * (by display width: Japanese takes two columns). With `maxWidth` (a
 * terminal's), the widest columns are cut, cells ending in `…`, until a line fits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { columns } from "./table.ts";
 *
 * assert.equal(columns([["IMSI", "NAME"], ["440100000000001", "種類"]]), "IMSI             NAME\n440100000000001  種類\n");
 * assert.equal(columns([["A", "B"], ["0123456789", "x"]], 9), "A       B\n01234…  x\n");
 * ```
 */
export function columns(rows: readonly (readonly string[])[], maxWidth?: number): string {
  if (rows.length === 0) return "";
  const natural = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ""))));
  const widths = maxWidth === undefined ? natural : fitted(natural, maxWidth);
  return rows.map((r) =>
    r.map((cell, i) => {
      const shown = maxWidth === undefined ? cell : truncate(cell, widths[i]);
      return i === r.length - 1 ? shown : shown + " ".repeat(widths[i] - displayWidth(shown));
    }).join("  ")
  ).join("\n") + "\n";
}
