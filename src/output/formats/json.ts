/**
 * `--output json` for values (after `--query`): tab-indented, keys sorted, as
 * soracom-cli writes JSON; a list element by element. (Without a query, JSON
 * is printed from the answer's text by `print.ts`.)
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../../context.ts";
 * import { format } from "./json.ts";
 *
 * const fake = fakeContext();
 * const writer = format.list(fake.ctx.stdout, {});
 * writer.element({ b: 1, a: [true] });
 * writer.end();
 * assert.equal(fake.stdout(), '[\n\t{\n\t\t"a": [\n\t\t\ttrue\n\t\t],\n\t\t"b": 1\n\t}\n]\n');
 * ```
 *
 * @module
 */

import { type Format, jsonText, streaming, type WriteOptions } from "../writer.ts";

/** An element's lines, indented one step into the list. */
function item(value: unknown, options: WriteOptions): string {
  return jsonText(value, "pretty", options).replaceAll("\n", "\n\t");
}

/** `--output json`. */
export const format: Format = {
  list: (out, options) =>
    streaming(
      out,
      (v) => `[\n\t${item(v, options)}`,
      (v) => `,\n\t${item(v, options)}`,
      (count) => count === 0 ? "[]\n" : "\n]\n",
    ),
  value(out, value, options) {
    out.write(`${jsonText(value, "pretty", options)}\n`);
    return undefined;
  },
};
