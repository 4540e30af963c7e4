/** The columns `--output table` chooses (`src/output/columns.ts`). */
import assert from "node:assert/strict";
import { headerOf, objectColumns, valueAt } from "../../src/output/columns.ts";

Deno.test("headers are the key's words in capitals", () => {
  assert.deepEqual(
    ["imsi", "speedClass", "device_id", "ueIpAddress", "requestedTimeEpochMs", "IMSI"].map(
      headerOf,
    ),
    ["IMSI", "SPEED CLASS", "DEVICE ID", "UE IP ADDRESS", "REQUESTED TIME EPOCH MS", "IMSI"],
  );
});

Deno.test("a resource's columns: only when its identifier is there, and only those with values", () => {
  const rows = [{ imsi: "1", status: "active", tags: { name: "n" }, apn: "x" }];
  const { columns, rest } = objectColumns(rows, { resource: "Subscriber" });
  assert.deepEqual(columns.map((c) => [c.name, c.path.join("."), c.whole]), [
    ["imsi", "imsi", true],
    ["name", "tags.name", false],
    ["status", "status", false],
  ]);
  assert.deepEqual(rest, ["apn"]);
  // Rows a query reshaped are not subscribers any more.
  const other = objectColumns([{ count: 1 }], { resource: "Subscriber" });
  assert.deepEqual(other.columns.map((c) => c.name), ["count"]);
});

Deno.test("a query's fields decide the columns, in their order", () => {
  const { columns, rest } = objectColumns([{ speed: "s1", imsi: "1" }], {
    fields: ["imsi", "speed"],
    resource: "Subscriber",
  });
  assert.deepEqual(columns.map((c) => c.name), ["imsi", "speed"]);
  assert.deepEqual(rest, []);
});

Deno.test("valueAt follows a path, undefined where it breaks", () => {
  assert.equal(valueAt({ a: { b: 1 } }, ["a", "b"]), 1);
  assert.equal(valueAt({ a: null }, ["a", "b"]), undefined);
});
