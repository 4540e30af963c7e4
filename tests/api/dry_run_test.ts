/** What `--dry-run` prints: the request as HTTP text or curl, the session's secrets stood in for. */
import assert from "node:assert/strict";
import { describeCall } from "../../src/api/dry_run.ts";

const target = {
  endpoint: "https://api.soracom.io",
  lang: "en",
  extraHeaders: {},
  retry: true,
} as const;

Deno.test("as HTTP text: method, URL, headers, body; the session's key and token hidden", () => {
  const text = describeCall(
    target,
    {
      method: "POST",
      path: "/operators/{operator_id}/x",
      query: [["b", "2"], ["a", "1 2"]],
      body: '{"password":"p1"}',
    },
    true,
    false,
  );
  const [request, ...rest] = text.split("\n");
  assert.match(request, /^POST https:\/\/api\.soracom\.io\/v1\/operators\/\S+\/x\?a=1\+2&b=2$/);
  assert.ok(rest.some((l) => /^x-soracom-api-key: <hidden>$/i.test(l)), text);
  assert.ok(rest.some((l) => /^x-soracom-token: <hidden>$/i.test(l)), text);
  assert.ok(!text.includes("p1"), text);
  assert.ok(text.endsWith("\n"));
});

Deno.test("as curl: one command line, the session's stand-ins left for the shell", () => {
  const text = describeCall(target, { method: "GET", path: "/subscribers" }, true, true);
  assert.match(text, /^curl -X GET 'https:\/\/api\.soracom\.io\/v1\/subscribers' -H /);
  assert.match(text, /\$SORACOM_API_KEY/);
  assert.equal(text.split("\n").length, 2);
  const open = describeCall(target, { method: "GET", path: "/x" }, false, true);
  assert.ok(!/SORACOM_API_KEY/.test(open), open);
});
