import { assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { describeJsonError, formatJson, parseJson, stringifyCompact } from "../src/api/json.ts";
import { detectLang, resolveEndpoint } from "../src/api/endpoint.ts";
import { backoffMs, RETRY_POLICY, retryAfterMs } from "../src/api/http.ts";

Deno.test("pretty output: tab indent, sorted keys, final newline, exact numbers", () => {
  assertEquals(
    formatJson(`{"b":[1,{"z":true,"a":null}],"a":12345678901234567890,"c":1.50,"d":{}, "e":[]}`),
    `{\n\t"a": 12345678901234567890,\n\t"b": [\n\t\t1,\n\t\t{\n\t\t\t"a": null,\n\t\t\t"z": true\n\t\t}\n\t],\n\t"c": 1.50,\n\t"d": {},\n\t"e": []\n}\n`,
  );
});

Deno.test("strings keep non-ASCII and escape like Go without HTML escaping", () => {
  assertEquals(
    formatJson(`{"m":"MFA OTPコードが必要です。<&>"}`),
    `{\n\t"m": "MFA OTPコードが必要です。<&>"\n}\n`,
  );
  assertEquals(stringifyCompact(parseJson(`{"b":2,"a":"\\u2028x"}`)), `{"a":"\\u2028x","b":2}`);
});

Deno.test("integer-like keys sort as strings, as Go does", () => {
  assertEquals(stringifyCompact(parseJson(`{"10":1,"9":2,"a":3}`)), `{"10":1,"9":2,"a":3}`);
});

Deno.test("JSON errors give line and column without quoting the text", () => {
  const msg = describeJsonError(`{"password":"hunter2",\n  x}`);
  assertStringIncludes(msg, "line 2 column 3");
  assertEquals(msg.includes("hunter2"), false);
});

Deno.test("endpoint: SORACOM_ENDPOINT, coverage type, profile endpoint, sandbox", () => {
  assertEquals(
    resolveEndpoint("http://127.0.0.1:1/", "g", { endpoint: "x" }),
    "http://127.0.0.1:1",
  );
  assertEquals(resolveEndpoint(undefined, "g", undefined), "https://g.api.soracom.io");
  assertEquals(resolveEndpoint(undefined, undefined, undefined), "https://api.soracom.io");
  assertEquals(
    resolveEndpoint(undefined, "g", { endpoint: "https://x" }),
    "https://g.api.soracom.io",
  );
  assertEquals(
    resolveEndpoint(undefined, "g", { sandbox: true }),
    "https://g.api-sandbox.soracom.io",
  );
  assertEquals(resolveEndpoint(undefined, undefined, { endpoint: "https://x" }), "https://x");
  assertEquals(
    resolveEndpoint(undefined, undefined, { sandbox: true }),
    "https://api-sandbox.soracom.io",
  );
  assertEquals(
    resolveEndpoint(undefined, undefined, { coverageType: "g" }),
    "https://g.api.soracom.io",
  );
});

Deno.test("language follows soracom-cli's rules", () => {
  const lang = (env: Record<string, string>) => detectLang((n) => env[n]);
  assertEquals(lang({}), "en");
  assertEquals(lang({ LANG: "ja_JP.UTF-8" }), "ja");
  assertEquals(lang({ LANG: "C", LC_ALL: "ja_JP.UTF-8" }), "en");
  assertEquals(lang({ LC_ALL: "ja_JP.UTF-8", LANG: "en_US" }), "ja");
  assertEquals(lang({ LC_ALL: "fr_FR", LANGUAGE: "fr:ja" }), "ja");
  assertEquals(lang({ LC_MESSAGES: "ja_JP", LANG: "en_US" }), "ja");
  assertEquals(lang({ LANG: "de_DE" }), "en");
});

Deno.test("retry waits: exponential with jitter, capped; Retry-After in seconds or as a date", () => {
  assertEquals(backoffMs(RETRY_POLICY, 0, 0), 500);
  assertEquals(backoffMs(RETRY_POLICY, 0, 1), 1000);
  assertEquals(backoffMs(RETRY_POLICY, 3, 1), 8000);
  assertEquals(backoffMs(RETRY_POLICY, 10, 1), RETRY_POLICY.maxDelayMs);
  assertEquals(retryAfterMs("2", 0), 2000);
  assertEquals(retryAfterMs(new Date(10_000).toUTCString(), 4000), 6000);
  assertEquals(retryAfterMs(null, 0), undefined);
  assertEquals(retryAfterMs("soon", 0), undefined);
});
