/** The capped reader behind `--body @FILE` and `--body -`: it stops past the cap, whatever the source. */

import assert from "node:assert/strict";
import { readCapped } from "../../src/system/files.ts";

/** A reader of `total` zero bytes (Infinity: endless, as /dev/zero or `yes |`). */
function zeros(total: number) {
  let left = total;
  let reads = 0;
  return {
    reads: () => reads,
    read(p: Uint8Array): Promise<number | null> {
      reads++;
      if (left <= 0) return Promise.resolve(null);
      const n = Math.min(p.length, left);
      p.fill(0, 0, n);
      left -= n;
      return Promise.resolve(n);
    },
  };
}

Deno.test("readCapped: everything up to the cap, undefined past it, reading no further", async () => {
  assert.equal((await readCapped(zeros(100_000), 100_000))?.length, 100_000);
  const endless = zeros(Infinity);
  assert.equal(await readCapped(endless, 1_000_000), undefined);
  assert.equal(endless.reads() <= Math.ceil(1_000_000 / 65_536) + 1, true);
  assert.equal((await readCapped(zeros(0), 10))?.length, 0);
});
