/** `--output table`: columns chosen and fitted, and what was left out said for a hint. */

import assert from "node:assert/strict";
import { fakeContext } from "../../../src/context.ts";
import { format } from "../../../src/output/formats/table.ts";
import { written } from "../../helpers/formats.ts";

Deno.test("objects make a table with a header; plain values one column without", async () => {
  assert.equal(
    await written("table", [{ imsi: "4401", status: "active", tags: { a: 1 } }, { imsi: "4402" }]),
    'IMSI  STATUS  TAGS\n4401  active  {"a":1}\n4402\n',
  );
  assert.equal(await written("table", [1, "x"]), "1\nx\n");
  assert.equal(await written("table", []), "");
});

Deno.test("a narrow terminal leaves columns out whole, and says which, with a query to see them", () => {
  const fake = fakeContext();
  const list = format.list(fake.ctx.stdout, { width: 20 });
  list.element({ imsi: "440100000000001", status: "active", speedClass: "s1.standard" });
  const left = list.end();
  assert.ok(fake.stdout().split("\n").every((line) => line.length <= 20), fake.stdout());
  assert.ok(fake.stdout().includes("440100000000001"));
  assert.ok(
    left !== undefined && "columns" in left && left.columns.length > 0,
    JSON.stringify(left),
  );
  assert.match(left.query ?? "", /^\[\]\.\{/);
});
