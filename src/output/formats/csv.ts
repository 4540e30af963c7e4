/**
 * `--output csv`: RFC 4180, a header line from the first element's keys (a
 * query's `{...}` in its order, else sorted), CRLF line ends; a nested value
 * is compact JSON in its cell.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../../context.ts";
 * import { format } from "./csv.ts";
 *
 * const fake = fakeContext();
 * const csv = format.list(fake.ctx.stdout, {});
 * csv.element({ imsi: "440100000000001", tags: { name: "a, b" } });
 * csv.end();
 * assert.equal(fake.stdout(), 'imsi,tags\r\n440100000000001,"{""name"":""a, b""}"\r\n');
 * ```
 *
 * @module
 */

import { type Format, lines } from "../writer.ts";

/** An RFC 4180 field: quoted when it holds a comma, a quote, CR or LF. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** `--output csv`. */
export const format: Format = {
  list: (out, options) =>
    lines(
      out,
      options,
      (cells) => `${cells.map(field).join(",")}\r\n`,
      (keys) => keys.length > 0 ? `${keys.map(field).join(",")}\r\n` : "",
      "",
    ),
};
