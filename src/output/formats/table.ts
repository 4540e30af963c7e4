/**
 * `--output table`: columns for a person to read, fitted to the terminal.
 * Which columns, and in what order, is `columns.ts`'s choice; a column that
 * does not fit is cut (its cells ending in `…`) or left out, an identifier
 * only left out; the writer says what it left out, for a hint after the
 * table. Every row is held until the end, for the widths.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../../context.ts";
 * import { format } from "./table.ts";
 *
 * const fake = fakeContext();
 * const table = format.list(fake.ctx.stdout, {});
 * table.element({ imsi: "440100000000001", speedClass: "s1.fast" });
 * table.end();
 * assert.equal(fake.stdout(), "IMSI             SPEED CLASS\n440100000000001  s1.fast\n");
 * ```
 *
 * @module
 */

import type { Output } from "../../context.ts";
import { escapeControls } from "../../terminal_text.ts";
import { type FieldColumn, headerOf, objectColumns, valueAt } from "../columns.ts";
import { table, type TableColumn } from "../table.ts";
import {
  type AfterOutput,
  cell,
  type Format,
  isObject,
  type LeftOut,
  rowOf,
  type WriteOptions,
} from "../writer.ts";

/** A query that shows `first` beside `then` (what was left out), for the hint. */
function exampleQuery(first: FieldColumn, then: FieldColumn, list: boolean): string {
  const pair = (c: FieldColumn) => `${c.name}: ${c.path.join(".")}`;
  return `${list ? "[]." : ""}{${pair(first)}, ${pair(then)}}`;
}

/** Keys that hold a time, as the API names them: `createdTime`, `lastModifiedAt`, `expiryDate`. */
const TIME_KEY = /(Time|Date|At)$/;

/**
 * A time column's epoch milliseconds (the API's times) as a person reads a
 * time: ISO 8601 in UTC, to the second. Only whole numbers from 2001 to 5138
 * under such a key; json, csv and text keep the number.
 */
function timeShown(column: FieldColumn, value: unknown): unknown {
  const key = column.path.at(-1) ?? column.name;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1e12 || value >= 1e14) {
    return value;
  }
  if (!TIME_KEY.test(key) && !TIME_KEY.test(column.name)) return value;
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * A cell as the terminal will show it: stdout there escapes control characters
 * (`terminal_text.ts`), so a cell is measured as escaped, or its column would
 * not line up. A table with no width is not on a terminal: bytes stay exact.
 */
function shown(text: string, options: WriteOptions): string {
  return options.width === undefined ? text : escapeControls(text);
}

/** A table of objects: the columns `columns.ts` chooses. */
function objectTable(
  rows: readonly Record<string, unknown>[],
  options: WriteOptions,
  list: boolean,
): { text: string; left?: LeftOut } {
  const { columns, rest } = objectColumns(rows, options);
  const laid = table(
    columns.map((c): TableColumn => ({
      header: shown(headerOf(c.name), options),
      cells: rows.map((r) => shown(cell(timeShown(c, valueAt(r, c.path)), "", options), options)),
      whole: c.whole,
    })),
    options.width,
  );
  const hidden = [
    ...laid.hidden.map((i) => columns[i]),
    ...rest.map((k) => ({ name: k, path: [k], whole: false })),
  ];
  if (hidden.length === 0) return { text: laid.text };
  const first = columns.find((_, i) => !laid.hidden.includes(i)) ?? columns[0];
  const query = exampleQuery(first, hidden[0], list);
  return { text: laid.text, left: { columns: hidden.map((c) => c.name), query } };
}

/** A table of lists (`[].[imsi, status]`) or plain values: a column a position, no header. */
function plainTable(values: readonly unknown[], options: WriteOptions): {
  text: string;
  left?: LeftOut;
} {
  const rows = values.map((v) => rowOf(v, [], "", options).map((c) => shown(c, options)));
  const count = Math.max(0, ...rows.map((r) => r.length));
  const laid = table(
    Array.from({ length: count }, (_, i) => ({ header: "", cells: rows.map((r) => r[i] ?? "") })),
    options.width,
  );
  if (laid.hidden.length === 0) return { text: laid.text };
  return { text: laid.text, left: { columns: laid.hidden.map((i) => `[${i}]`) } };
}

/** Writes the table of `values` to `out`. */
function write(
  out: Output,
  values: readonly unknown[],
  options: WriteOptions,
  list: boolean,
): AfterOutput | undefined {
  // A list with nothing in it shows no table, not even a header: a hint on a terminal says so.
  if (values.length === 0 && list) return { empty: true };
  const objects = values.length > 0 && values.every(isObject);
  const { text, left } = objects
    ? objectTable(values as Record<string, unknown>[], options, list)
    : plainTable(values, options);
  if (text !== "") out.write(text);
  return left;
}

/** `--output table`. */
export const format: Format = {
  list(out, options) {
    const values: unknown[] = [];
    return {
      element: (value) => void values.push(value),
      end: () => write(out, values, options, true),
    };
  },
  value: (out, value, options) => write(out, [value], options, false),
};
