/**
 * The registry of --output formats: every name loads its format, and aws-cli's
 * text. Each format's own tests are in `formats/`.
 */

import assert from "node:assert/strict";
import { loadFormat, OUTPUT_FORMATS } from "../../src/output/formats.ts";
import { written, writtenValue } from "../helpers/formats.ts";

Deno.test("every format of the registry loads, and writes a list", async () => {
  assert.ok(OUTPUT_FORMATS.includes("json"));
  for (const name of OUTPUT_FORMATS) {
    assert.equal(typeof (await loadFormat(name)).list, "function", name);
    assert.ok((await written(name, [{ a: 1 }])).includes("1"), name);
  }
});

Deno.test("text: tab-separated, None for null, nested values as compact JSON (as aws-cli)", async () => {
  assert.equal(
    await written("text", [{ b: 1, a: null, c: { y: 1, x: [2] } }, ["p", "q"]]),
    'None\t1\t{"x":[2],"y":1}\np\tq\n',
  );
});

Deno.test("a format without a writer of single values writes one as a list of one", async () => {
  assert.equal(await writtenValue("jsonl", { k: "v" }), '{"k":"v"}\n');
  assert.equal(await writtenValue("yaml", "true"), '"true"\n');
});
