/** One reused buffer for UTF-8 output. */
import assert from "node:assert/strict";
import { KEPT_BYTES, Utf8Buffer } from "../../src/output/utf8_buffer.ts";

Deno.test("Utf8Buffer encodes what is appended, and take empties it", () => {
  const buffer = new Utf8Buffer();
  buffer.append("a");
  buffer.append("é日");
  buffer.append("\ud800");
  assert.equal(buffer.length, 1 + 2 + 3 + 3);
  assert.equal(new TextDecoder().decode(buffer.take()), "aé日\ufffd");
  assert.equal(buffer.length, 0);
  buffer.append("next");
  assert.equal(new TextDecoder().decode(buffer.take()), "next");
});

Deno.test("Utf8Buffer grows for a large text and still takes it whole", () => {
  const buffer = new Utf8Buffer();
  const big = "x".repeat(KEPT_BYTES + 10);
  buffer.append(big);
  assert.equal(buffer.take().length, big.length);
  buffer.append("small");
  assert.equal(new TextDecoder().decode(buffer.take()), "small");
});
