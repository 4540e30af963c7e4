/** MCP's stdio transport: one message a line, bad lines answered, the server reading on. */
import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { ContextStdioTransport, type JsonRpcMessage } from "../../src/mcp/stdio.ts";

/** The messages handed on and the lines answered for `stdin`. */
async function read(stdin: string, maxLine?: number) {
  const fake = fakeContext({ stdin });
  const transport = new ContextStdioTransport(fake.ctx, maxLine);
  const got: JsonRpcMessage[] = [];
  transport.onmessage = (m) => void got.push(m);
  await transport.start();
  await transport.finished();
  const answered = fake.stdout().split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
  return { got, answered, transport, fake };
}

Deno.test("each line is one message; a last line without a newline counts too", async () => {
  const { got, answered } = await read(
    '{"jsonrpc":"2.0","id":1,"method":"ping"}\n\n{"jsonrpc":"2.0","method":"notifications/initialized"}',
  );
  assert.deepEqual(got.map((m) => m.method), ["ping", "notifications/initialized"]);
  assert.deepEqual(answered, []);
});

Deno.test("a line that is not JSON, not JSON-RPC, or too long is answered with an error, and reading goes on", async () => {
  const long = `{"jsonrpc":"2.0","method":"x","params":"${"a".repeat(100)}"}`;
  const { got, answered } = await read(
    `not json\n{"id":7,"hello":1}\n${long}\n{"jsonrpc":"2.0","id":2,"method":"ping"}\n`,
    80,
  );
  assert.deepEqual(got.map((m) => m.id), [2]);
  assert.equal(answered.length, 3);
  assert.ok(answered.every((a) => a.jsonrpc === "2.0" && typeof a.error?.code === "number"));
  assert.equal(answered[1].id, 7);
});

Deno.test("send writes a line; answered() settles once every request read is answered", async () => {
  const { transport, fake } = await read('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
  let settled = false;
  const all = transport.answered().then(() => settled = true);
  await Promise.resolve();
  assert.equal(settled, false);
  await transport.send({ jsonrpc: "2.0", id: 1, result: {} });
  await all;
  assert.equal(fake.stdout(), '{"jsonrpc":"2.0","id":1,"result":{}}\n');
  await transport.close();
  await transport.send({ jsonrpc: "2.0", id: 9, result: {} });
  assert.equal(fake.stdout().split("\n").length, 2);
});
