/** The emulator's stable randomness: the same seed and name, the same numbers. */
import assert from "node:assert/strict";
import { Random } from "../../src/emulator/random.ts";

Deno.test("Random.of gives the same sequence for the same seed and name, another for another", () => {
  const take = (r: Random) => Array.from({ length: 8 }, () => r.next());
  assert.deepEqual(take(Random.of(7, "sim", 1)), take(Random.of(7, "sim", 1)));
  assert.notDeepEqual(take(Random.of(7, "sim", 1)), take(Random.of(7, "sim", 2)));
  assert.notDeepEqual(take(Random.of(7, "sim", 1)), take(Random.of(8, "sim", 1)));
});

Deno.test("Random's numbers stay in their ranges and alphabets", () => {
  const r = Random.of(1, "ranges");
  for (let i = 0; i < 1000; i++) {
    const n = r.next();
    assert.ok(n >= 0 && n < 1, String(n));
    const k = r.int(3, 5);
    assert.ok(k >= 3 && k <= 5 && Number.isInteger(k), String(k));
  }
  assert.match(r.digits(15), /^\d{15}$/);
  assert.match(r.hex(32), /^[0-9a-f]{32}$/);
  assert.match(r.text(5, "ab"), /^[ab]{5}$/);
  assert.ok(["x", "y"].includes(r.pick(["x", "y"])));
});
