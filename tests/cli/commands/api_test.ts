/** `soracom api METHOD PATH`: fields as query or body, headers, and its usage errors. */
import assert from "node:assert/strict";
import { runApi } from "../../../src/cli/commands/api.ts";
import { fakeContext } from "../../../src/context.ts";
import { CliError } from "../../../src/errors.ts";

const SESSION = {
  HOME: "/home/ann",
  SORACOM_API_KEY: "api-key-1234",
  SORACOM_API_TOKEN: "token-abcdefgh",
};
const usage = (key: string) => (e: unknown) =>
  e instanceof CliError && e.kind === "usage" && e.said?.key === key;

/** Runs `soracom api` on a network that records its one request and answers `{}`. */
async function api(args: string[], flags = {}) {
  const asked: { method: string; url: URL; body: string; headers: Headers }[] = [];
  const fake = fakeContext({
    env: SESSION,
    fetch: async (req) => {
      asked.push({
        method: req.method,
        url: new URL(req.url),
        body: await req.text(),
        headers: req.headers,
      });
      return Response.json({ ok: true });
    },
  });
  await runApi(fake.ctx, flags, args);
  return { asked, stdout: fake.stdout() };
}

Deno.test("GET: fields go in the query, the path's own query kept, /v1 taken off", async () => {
  const { asked, stdout } = await api(["get", "/v1/subscribers?limit=2"], {
    field: ["status_filter=active"],
    header: ["X-Extra: yes"],
  });
  assert.equal(asked[0].method, "GET");
  assert.equal(asked[0].url.pathname, "/v1/subscribers");
  assert.equal(asked[0].url.searchParams.get("limit"), "2");
  assert.equal(asked[0].url.searchParams.get("status_filter"), "active");
  assert.equal(asked[0].headers.get("x-extra"), "yes");
  assert.equal(stdout, '{\n\t"ok": true\n}\n');
});

Deno.test("POST: fields make a JSON body, typed unless raw", async () => {
  const { asked } = await api(["POST", "/groups"], {
    field: ["n=1", "b=true", "s=x"],
    "raw-field": ["r=1"],
  });
  assert.deepEqual(JSON.parse(asked[0].body), { n: 1, b: true, s: "x", r: "1" });
});

Deno.test("usage errors: arguments, method, path, a field without =, fields with --body", async () => {
  const run = (args: string[], flags = {}) =>
    runApi(fakeContext({ env: SESSION }).ctx, flags, args);
  await assert.rejects(run(["GET"]), usage("apiUsage"));
  await assert.rejects(run(["FETCH", "/x"]), usage("apiBadMethod"));
  await assert.rejects(run(["GET", "x"]), usage("apiBadPath"));
  await assert.rejects(run(["POST", "/x"], { field: ["novalue"] }), usage("apiBadField"));
  await assert.rejects(
    run(["POST", "/x"], { field: ["a=1"], body: "{}" }),
    usage("apiFieldsWithBody"),
  );
});
