/** The real network: plain http to this machine never goes through a proxy. */
import assert from "node:assert/strict";
import { fetchDirectToLoopback } from "../../src/system/network.ts";

Deno.test("with HTTP_PROXY set, a loopback request still reaches the loopback server", async () => {
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => new Response(new URL(req.url).pathname),
  );
  // A proxy that is not there: a request sent through it would fail.
  const env = (name: string) => ({ HTTP_PROXY: "http://127.0.0.1:1" })[name];
  const send = fetchDirectToLoopback(env);
  const response = await send(new Request(`http://127.0.0.1:${server.addr.port}/v1/auth`));
  assert.equal(await response.text(), "/v1/auth");
  const again = await send(new Request(`http://127.0.0.1:${server.addr.port}/again`));
  assert.equal(await again.text(), "/again");
  const plain = await fetchDirectToLoopback(() => undefined)(
    new Request(`http://127.0.0.1:${server.addr.port}/plain`),
  );
  assert.equal(await plain.text(), "/plain");
});
