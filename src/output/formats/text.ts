/**
 * `--output text`, as aws-cli's: one line per element, cells separated by
 * tabs, `None` for null, no header; columns from the first element's keys (a
 * query's `{...}` in its order, else sorted).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../../context.ts";
 * import { format } from "./text.ts";
 *
 * const fake = fakeContext();
 * const text = format.list(fake.ctx.stdout, {});
 * text.element(["440100000000001", null]);
 * text.end();
 * assert.equal(fake.stdout(), "440100000000001\tNone\n");
 * ```
 *
 * @module
 */

import { type Format, lines } from "../writer.ts";

/** `--output text`. */
export const format: Format = {
  list: (out, options) => lines(out, options, (cells) => `${cells.join("\t")}\n`, () => "", "None"),
};
