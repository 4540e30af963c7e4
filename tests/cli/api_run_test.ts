/** API commands: their flags from the catalogue, --body, output modes, and one call printed. */
import assert from "node:assert/strict";
import { loadCatalog } from "../../src/catalog/catalog.ts";
import { operationFlags, outputMode, readBodyFlag, runApiCommand } from "../../src/cli/api_run.ts";
import { fakeContext } from "../../src/context.ts";
import { CliError } from "../../src/errors.ts";

const catalog = await loadCatalog();
const opOf = (id: string) => catalog.operations.find((op) => op.operationId === id)!;
const usage = (key: string) => (e: unknown) =>
  e instanceof CliError && e.kind === "usage" && e.said?.key === key;
const SESSION = { SORACOM_API_KEY: "api-key-1234", SORACOM_API_TOKEN: "token-abcdefgh" };

Deno.test("operationFlags: the parameters, paging and JSONL for a list, and ours on every command", () => {
  const flags = operationFlags(opOf("listSubscribers"));
  for (
    const name of [
      "limit",
      "last-evaluated-key",
      "fetch-all",
      "jsonl",
      "query",
      "output",
      "dry-run",
    ]
  ) {
    assert.ok(name in flags, name);
  }
  assert.ok(!("body" in flags));
  assert.ok("body" in operationFlags(opOf("createGroup")));
});

Deno.test("readBodyFlag: the text, a file, stdin; a missing file is a usage error", async () => {
  const { ctx } = fakeContext({ files: { "/b.json": '{"a":1}' }, stdin: "[]" });
  assert.equal(await readBodyFlag(ctx, undefined), undefined);
  assert.deepEqual(await readBodyFlag(ctx, "{}"), new TextEncoder().encode("{}"));
  assert.deepEqual(await readBodyFlag(ctx, "@/b.json"), new TextEncoder().encode('{"a":1}'));
  assert.deepEqual(await readBodyFlag(ctx, "-"), new TextEncoder().encode("[]"));
  await assert.rejects(readBodyFlag(ctx, "@/nope.json"), usage("bodyFileMissing"));
});

Deno.test("outputMode: --raw-output refuses --query and other formats; --output jsonl is JSONL", async () => {
  const { ctx } = fakeContext();
  await assert.rejects(outputMode(ctx, { query: "x" }, true), usage("rawWithValues"));
  assert.equal((await outputMode(ctx, { output: "jsonl" }, false)).jsonl, true);
  assert.equal((await outputMode(ctx, { output: "yaml" }, false)).format, "yaml");
  assert.equal((await outputMode(ctx, { output: "json" }, false)).format, undefined);
});

Deno.test("runApiCommand sends the request with the session and prints the answer as soracom-cli", async () => {
  const asked: Request[] = [];
  const fake = fakeContext({
    env: { HOME: "/home/ann", ...SESSION },
    fetch: (req) => {
      asked.push(req);
      return Promise.resolve(Response.json({ imsi: "440100000000001", b: 1 }));
    },
  });
  await runApiCommand(fake.ctx, opOf("getSubscriber"), { imsi: "440100000000001" });
  assert.equal(asked.length, 1);
  assert.equal(new URL(asked[0].url).pathname, "/v1/subscribers/440100000000001");
  assert.equal(asked[0].headers.get("x-soracom-api-key"), "api-key-1234");
  assert.equal(fake.stdout(), '{\n\t"b": 1,\n\t"imsi": "440100000000001"\n}\n');
});

Deno.test("--dry-run prints the request and sends nothing", async () => {
  const fake = fakeContext({ env: { HOME: "/home/ann", ...SESSION } });
  await runApiCommand(fake.ctx, opOf("getSubscriber"), { imsi: "4401", "dry-run": "http" });
  assert.match(fake.stdout(), /^GET https:\/\/api\.soracom\.io\/v1\/subscribers\/4401\n/);
  assert.notEqual(fake.stderr(), "");
});
