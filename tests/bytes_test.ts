/** The one capped reader: whole bodies under a cap, or their first bytes. */
import assert from "node:assert/strict";
import { collectCapped, collectPrefix, concatBytes } from "../src/bytes.ts";

const bytes = (...n: number[]) => new Uint8Array(n);

Deno.test("collectCapped keeps a body up to its cap, and refuses one byte more", async () => {
  const chunks = [bytes(1, 2), bytes(), bytes(3)];
  assert.deepEqual(await collectCapped(chunks, 3), bytes(1, 2, 3));
  assert.equal(await collectCapped(chunks, 2), undefined);
  assert.deepEqual(await collectCapped([], 0), bytes());
});

Deno.test("collectPrefix stops reading a stream once past its cap", async () => {
  let pulls = 0;
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls++;
      controller.enqueue(bytes(7, 7, 7, 7));
    },
  });
  const { bytes: first, complete } = await collectPrefix(endless, 6);
  assert.deepEqual(first, bytes(7, 7, 7, 7, 7, 7));
  assert.equal(complete, false);
  assert.ok(pulls <= 3, `${pulls} pulls`);
});

Deno.test("concatBytes puts chunks end to end", () => {
  assert.deepEqual(concatBytes([bytes(1), bytes(2, 3)], 3), bytes(1, 2, 3));
});
