/** `soracom mcp` in process: initialize, list the tools, call one, then end with stdin. */
import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { serveMcp } from "../../src/mcp/server.ts";
import { INITIALIZE } from "../helpers/mcp_client.ts";

const lines = (...messages: unknown[]) => messages.map((m) => `${JSON.stringify(m)}\n`).join("");

/** Serves `messages` and gives the answers by id, and stderr. */
async function serve(flags: Record<string, unknown>, ...messages: unknown[]) {
  const fake = fakeContext({
    env: { HOME: "/home/ann" },
    // The server refuses to start without a profile that gives credentials.
    files: {
      "/home/ann/.soracom/default.json": '{"authKeyId": "keyId-ann", "authKey": "secret-ann"}',
    },
    stdin: lines(INITIALIZE, { jsonrpc: "2.0", method: "notifications/initialized" }, ...messages),
  });
  await serveMcp(fake.ctx, flags);
  const answers = new Map<number, Record<string, unknown>>();
  for (const line of fake.stdout().split("\n").filter((l) => l !== "")) {
    const message = JSON.parse(line);
    answers.set(message.id, message);
  }
  return { answers, stderr: fake.stderr() };
}

Deno.test("it answers initialize and tools/list, and says on stderr how it runs", async () => {
  const { answers, stderr } = await serve({}, { jsonrpc: "2.0", id: 2, method: "tools/list" });
  const init = answers.get(1)?.result as { serverInfo: { name: string } };
  assert.equal(init.serverInfo.name, "soracom");
  const tools = (answers.get(2)?.result as { tools: { name: string }[] }).tools;
  assert.deepEqual(tools.map((t) => t.name), [
    "soracom_search",
    "soracom_describe",
    "soracom_call",
  ]);
  assert.notEqual(stderr, "");
});

Deno.test("a change is refused without --allow-write, as a tool error the model reads", async () => {
  const call = {
    jsonrpc: "2.0",
    id: 3,
    method: "tools/call",
    params: {
      name: "soracom_call",
      arguments: { command: "subscribers terminate", flags: { imsi: "4401" } },
    },
  };
  const { answers } = await serve({}, call);
  const result = answers.get(3)?.result as { isError: boolean; content: { text: string }[] };
  assert.equal(result.isError, true);
  assert.match(result.content[0].text, /^Error: /);
});
