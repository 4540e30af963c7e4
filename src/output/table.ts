/**
 * Text laid out in columns for a terminal: how wide a string shows (East
 * Asian wide characters, Japanese among them, take two columns), and tables
 * that fit a width by cutting some cells and leaving some columns out, never
 * cutting the ones that identify (`--output table`, `auth status`).
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
  return `${out.trimEnd()}…`;
}

/** One column of a table. */
export interface TableColumn {
  /** Its header ("" for none: a table whose headers are all empty has no header line). */
  readonly header: string;
  /** Its cells, one a row. */
  readonly cells: readonly string[];
  /** Never cut (an IMSI, an ID, a profile's name): when it does not fit, it is left out whole. */
  readonly whole?: boolean;
  /**
   * Which columns stay when not all fit: lower first (by default, its place).
   * The columns shown keep their order.
   */
  readonly rank?: number;
}

/** A table laid out for a width. */
export interface Table {
  /** Its lines, each ending in a newline ("" for no rows and no header). */
  readonly text: string;
  /** The indexes of the columns left out to fit the width, in order. */
  readonly hidden: readonly number[];
}

/** How narrow a column that may be cut gets (or its header, when wider): room for `suspended…`. */
const NARROWEST = 10;

/**
 * Which columns fit `maxWidth` (two spaces apart), and how wide each is:
 * columns are taken by rank while their narrowest fits, the first always; a
 * column that may be cut is at its narrowest, then widened again in order of
 * rank while there is room.
 */
function fit(natural: readonly number[], columns: readonly TableColumn[], maxWidth: number) {
  const narrowest = columns.map((c, i) =>
    c.whole ? natural[i] : Math.min(natural[i], Math.max(NARROWEST, displayWidth(c.header)))
  );
  const byRank = columns.map((_, i) => i).sort((a, b) =>
    (columns[a].rank ?? a) - (columns[b].rank ?? b) || a - b
  );
  const widths: (number | undefined)[] = columns.map(() => undefined);
  let used = 0;
  let taken = 0;
  for (const i of byRank) {
    const need = narrowest[i] + (taken === 0 ? 0 : 2);
    if (taken === 0 || used + need <= maxWidth) {
      widths[i] = narrowest[i];
      used += need;
      taken++;
    }
  }
  for (const i of byRank) {
    const width = widths[i];
    if (width === undefined || used >= maxWidth) continue;
    const grown = Math.min(natural[i], width + maxWidth - used);
    used += grown - width;
    widths[i] = grown;
  }
  return widths;
}

/**
 * Columns laid out two spaces apart, each as wide as its widest cell (by
 * display width: Japanese takes two columns). With `maxWidth` (a terminal's),
 * columns are cut (their cells ending in `…`) or, when even that is not
 * enough, left out, those of higher rank first; a `whole` column is never cut.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { table } from "./table.ts";
 *
 * const imsi = { header: "IMSI", cells: ["440100000000001"], whole: true };
 * const name = { header: "NAME", cells: ["種類"] };
 * assert.equal(table([imsi, name]).text, "IMSI             NAME\n440100000000001  種類\n");
 * const note = { header: "NOTE", cells: ["a long note that goes on"] };
 * assert.deepEqual(table([imsi, note], 30), {
 *   text: "IMSI             NOTE\n440100000000001  a long note…\n",
 *   hidden: [],
 * });
 * assert.deepEqual(table([imsi, note, name], 30).hidden, [2]);
 * ```
 */
export function table(columns: readonly TableColumn[], maxWidth?: number): Table {
  const headed = columns.some((c) => c.header !== "");
  const natural = columns.map((c) =>
    Math.max(displayWidth(c.header), ...c.cells.map((cell) => displayWidth(cell)))
  );
  const widths = maxWidth === undefined ? natural : fit(natural, columns, maxWidth);
  const shown = columns.map((_, i) => i).filter((i) => widths[i] !== undefined);
  const rows = (columns[0]?.cells.length ?? 0) + (headed ? 1 : 0);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const at = headed ? r - 1 : r;
    lines.push(
      shown.map((i, n) => {
        const text = truncate(at < 0 ? columns[i].header : columns[i].cells[at] ?? "", widths[i]!);
        return n === shown.length - 1 ? text : text + " ".repeat(widths[i]! - displayWidth(text));
      }).join("  "),
    );
  }
  return {
    text: lines.map((l) => `${l.trimEnd()}\n`).join(""),
    hidden: columns.map((_, i) => i).filter((i) => widths[i] === undefined),
  };
}
