/**
 * `--output jsonl` for values (after `--query`): one compact JSON element per
 * line, keys sorted; a value that is not a list is one line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../../context.ts";
 * import { format } from "./jsonl.ts";
 *
 * const fake = fakeContext();
 * const writer = format.list(fake.ctx.stdout, {});
 * writer.element({ b: 1, a: "x" });
 * writer.element(2);
 * writer.end();
 * assert.equal(fake.stdout(), '{"a":"x","b":1}\n2\n');
 * ```
 *
 * @module
 */

import { type Format, jsonText, streaming } from "../writer.ts";

/** `--output jsonl`. */
export const format: Format = {
  list(out, options) {
    const line = (v: unknown) => `${jsonText(v, "compact", options)}\n`;
    return streaming(out, line, line, () => "");
  },
};
