/** A response cut off part way: the client reads fewer bytes than promised and fails. */
import assert from "node:assert/strict";
import { droppedResponse } from "../../src/emulator/dropped.ts";

Deno.test("droppedResponse promises more than it sends, so a client's read of it fails", async () => {
  const sent = new TextEncoder().encode("half");
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => droppedResponse(new Headers({ "x-kind": "dropped" }), 100, sent),
  );
  try {
    const response = await fetch(`http://127.0.0.1:${server.addr.port}/`);
    assert.equal(response.headers.get("content-length"), "100");
    assert.equal(response.headers.get("x-kind"), "dropped");
    await assert.rejects(response.arrayBuffer());
  } finally {
    await server.shutdown();
  }
});
