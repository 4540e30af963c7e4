/** Tables fitted to a width (`src/output/table.ts`). */
import assert from "node:assert/strict";
import { displayWidth, table, type TableColumn } from "../../src/output/table.ts";

const ID: TableColumn = { header: "ID", cells: ["a-very-long-identifier-0001"], whole: true };
const NOTE: TableColumn = { header: "NOTE", cells: ["something rather long to say"] };
const STATE: TableColumn = { header: "STATE", cells: ["on"] };

Deno.test("table: no width, every column as wide as its widest cell, no trailing spaces", () => {
  assert.equal(
    table([ID, { header: "EMPTY", cells: [""] }]).text,
    "ID                           EMPTY\na-very-long-identifier-0001\n",
  );
});

Deno.test("table: cut what may be cut, leave out by rank, keep the order shown", () => {
  // Room for all three once NOTE is cut to its narrowest (10).
  assert.deepEqual(table([ID, NOTE, STATE], 27 + 2 + 10 + 2 + 5), {
    text: "ID                           NOTE        STATE\n" +
      "a-very-long-identifier-0001  something…  on\n",
    hidden: [],
  });
  // Narrower: the column of the highest rank goes.
  assert.deepEqual(table([ID, NOTE, STATE], 40).hidden, [2]);
  assert.deepEqual(table([ID, { ...NOTE, rank: 9 }, STATE], 40).hidden, [1]);
  // Narrower than the identifier: it is shown whole all the same, alone.
  const narrow = table([ID, NOTE, STATE], 10);
  assert.deepEqual(narrow.hidden, [1, 2]);
  assert.equal(narrow.text, "ID\na-very-long-identifier-0001\n");
});

Deno.test("table: Japanese takes two columns a character, cut on a character", () => {
  const jp: TableColumn = { header: "名前", cells: ["冷蔵庫の温度センサー"] };
  const laid = table([{ header: "N", cells: ["1"] }, jp], 16);
  for (const line of laid.text.trimEnd().split("\n")) assert.ok(displayWidth(line) <= 16, line);
  assert.equal(laid.text, "N  名前\n1  冷蔵庫の温度…\n");
});

Deno.test("table: lists without headers have no header line", () => {
  assert.equal(table([{ header: "", cells: ["a", "b"] }]).text, "a\nb\n");
  assert.equal(table([]).text, "");
});
