/** "Did you mean" (`src/suggest.ts`): the closest names, and none when nothing is close. */

import assert from "node:assert/strict";
import { closest, editDistance } from "../src/suggest.ts";

Deno.test("editDistance: insertions, deletions, substitutions and swaps of neighbours, one each", () => {
  assert.equal(editDistance("limit", "limit"), 0);
  assert.equal(editDistance("limt", "limit"), 1);
  assert.equal(editDistance("limitt", "limit"), 1);
  assert.equal(editDistance("limet", "limit"), 1);
  assert.equal(editDistance("lmiit", "limit"), 1);
  assert.equal(editDistance("", "abc"), 3);
  assert.equal(editDistance("get", "list"), 3);
});

Deno.test("closest: the fewest edits away, a prefix counting as one; short words need to be closer", () => {
  const groups = ["subscribers", "sims", "sigfox-devices", "soralets", "stats"];
  assert.deepEqual(closest("subscriber", groups), ["subscribers"]);
  assert.deepEqual(closest("sim", groups), ["sims"]);
  assert.deepEqual(closest("sora", groups), ["soralets"]);
  assert.deepEqual(closest("stat", groups), ["stats"]);
  // Two edits are too many for three letters, fine for more.
  assert.deepEqual(closest("sxx", ["sims"]), []);
  assert.deepEqual(closest("limxx", ["limit"]), ["limit"]);
  // Ties are all given, alphabetically, and a name equal to the input is no suggestion.
  assert.deepEqual(closest("gat", ["get", "put", "gap"]), ["gap", "get"]);
  assert.deepEqual(closest("list", ["list"]), []);
});
