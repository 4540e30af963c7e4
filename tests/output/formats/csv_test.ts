/** `--output csv`: RFC 4180. */

import assert from "node:assert/strict";
import { written, writtenValue } from "../../helpers/formats.ts";

Deno.test("csv: a header from the first element's keys, RFC 4180 quoting, CRLF lines", async () => {
  assert.equal(
    await written("csv", [{ b: 'say "hi"', a: "x,y" }, { a: "line\nbreak", c: "dropped" }, {
      b: null,
    }]),
    'a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n,\r\n',
  );
  assert.equal(await written("csv", ["one", 2, true]), "one\r\n2\r\ntrue\r\n");
  assert.equal(await written("csv", []), "");
  assert.equal(await writtenValue("csv", { k: "v" }), "k\r\nv\r\n");
});

Deno.test("csv: a query's fields are the columns, in its order", async () => {
  assert.equal(await written("csv", [{ b: 1, a: 2 }], { fields: ["b", "a"] }), "b,a\r\n1,2\r\n");
});
