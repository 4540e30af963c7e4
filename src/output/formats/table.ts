/**
 * `--output table`: columns aligned for a person to read, cut to the
 * terminal's width. Every row is held until the end, for the widths.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../../context.ts";
 * import { format } from "./table.ts";
 *
 * const fake = fakeContext();
 * const table = format.list(fake.ctx.stdout, {});
 * table.element({ imsi: "440100000000001", status: "active" });
 * table.end();
 * assert.equal(fake.stdout(), "IMSI             STATUS\n440100000000001  active\n");
 * ```
 *
 * @module
 */

import { columns } from "../table.ts";
import { type Format, isObject, rowOf } from "../writer.ts";

/** `--output table`. */
export const format: Format = {
  list(out, options) {
    const values: unknown[] = [];
    return {
      element: (value) => void values.push(value),
      end() {
        const keys = options.fields
          ? [...options.fields]
          : [...new Set(values.flatMap((v) => isObject(v) ? Object.keys(v) : []))].sort();
        const rows = values.map((v) => rowOf(v, keys, "", options));
        const header = keys.length > 0 ? [keys.map((k) => k.toUpperCase())] : [];
        out.write(columns([...header, ...rows], options.width));
        return undefined;
      },
    };
  },
};
