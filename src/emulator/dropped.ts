/**
 * A connection dropped part way through an answer: what the emulator's `drop`
 * and `hang` faults send, and what the tests' release server uses for a
 * download cut off mid-body.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { droppedResponse } from "./dropped.ts";
 *
 * const res = droppedResponse(new Headers(), 10, new TextEncoder().encode("12345"));
 * assert.equal(res.headers.get("content-length"), "10");
 * ```
 *
 * @module
 */

/**
 * A response that promises `declared` bytes and sends `sent`: the client sees the connection
 * drop part way through the body.
 */
export function droppedResponse(headers: Headers, declared: number, sent: Uint8Array): Response {
  headers.set("content-length", String(declared));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (sent.length > 0) controller.enqueue(sent);
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers });
}
