/** `--output json`: tab-indented, sorted keys, as soracom-cli writes. */

import assert from "node:assert/strict";
import { written, writtenValue } from "../../helpers/formats.ts";

Deno.test("json and jsonl lists: sorted keys, the same text as soracom-cli's", async () => {
  assert.equal(
    await written("json", [{ b: 1, a: 2 }]),
    '[\n\t{\n\t\t"a": 2,\n\t\t"b": 1\n\t}\n]\n',
  );
  assert.equal(await written("json", []), "[]\n");
  assert.equal(await written("jsonl", [{ b: 1, a: 2 }, 3]), '{"a":2,"b":1}\n3\n');
  assert.equal(await writtenValue("json", { k: "v" }), '{\n\t"k": "v"\n}\n');
});
