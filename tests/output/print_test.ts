import assert from "node:assert/strict";
import { jsonResponse, testContext } from "../helpers/context.ts";
import {
  describeJsonError,
  eachJsonElement,
  formatJson,
  formatJsonElements,
  JsonSyntaxError,
  parseJson,
  RawNumber,
  stringifyCompact,
  stringifyPretty,
} from "../../src/json/mod.ts";
import { fetchPages, type PageFetcher } from "../../src/api/pages.ts";
import { readBody } from "../../src/api/body.ts";
import type { Context } from "../../src/context.ts";
import type { OutputMode } from "../../src/output/mode.ts";
import { printBody, type PrintOutput, printPages } from "../../src/output/print.ts";

/** A response printed as an API command prints it. */
async function printResponse(
  ctx: PrintOutput,
  response: Response,
  mode: OutputMode,
): Promise<void> {
  await printBody(ctx, await readBody(response), response.headers.get("content-type"), mode);
}

/** `--fetch-all` as an API command runs it: the page iterator into the printer. */
function printAllPages(
  ctx: Context,
  fetchPage: PageFetcher,
  header: string,
  mode: OutputMode,
): Promise<void> {
  return printPages(ctx, fetchPages(fetchPage, header), mode);
}
import { CliError } from "../../src/errors.ts";
import { resolveEndpoint } from "../../src/api/endpoint.ts";
import { backoffMs, RETRY_POLICY, retryAfterMs } from "../../src/api/http.ts";

Deno.test("pretty output: tab indent, sorted keys, exact numbers", () => {
  assert.equal(
    formatJson(`{"b":[1,{"z":true,"a":null}],"a":12345678901234567890,"c":1.50,"d":{}, "e":[]}`),
    `{\n\t"a": 12345678901234567890,\n\t"b": [\n\t\t1,\n\t\t{\n\t\t\t"a": null,\n\t\t\t"z": true\n\t\t}\n\t],\n\t"c": 1.50,\n\t"d": {},\n\t"e": []\n}`,
  );
  assert.equal(formatJson(` [ -0 , 1E+2, 2e-0 , 1e400 ] `, "compact"), `[-0,1E+2,2e-0,1e400]`);
});

Deno.test("strings keep non-ASCII and escape like Go without HTML escaping", () => {
  assert.equal(
    formatJson(`{"m":"MFA OTPコードが必要です。<&>"}`),
    `{\n\t"m": "MFA OTPコードが必要です。<&>"\n}`,
  );
  assert.equal(formatJson(`{"b":2,"a":"\\u2028x"}`, "compact"), `{"a":"\\u2028x","b":2}`);
  // Written without escapes, the separators and a lone surrogate are escaped all the same.
  assert.equal(formatJson(`["\u2028","\u2029\ud800"]`, "compact"), `["\\u2028","\\u2029\\ud800"]`);
  // Escapes are normalised: \/ and \u0041 are plain characters, a tab is \t.
  assert.equal(formatJson(`"\\/\\u0041\\u0009\\u001f"`), `"/A\\t\\u001f"`);
});

Deno.test("integer-like keys sort as strings, as Go does; the last of equal keys wins", () => {
  assert.equal(formatJson(`{"10":1,"9":2,"a":3}`, "compact"), `{"10":1,"9":2,"a":3}`);
  assert.equal(formatJson(`{"a":1,"b":2,"\\u0061":3,"a":4}`, "compact"), `{"a":4,"b":2}`);
  assert.equal(formatJson(`{"__proto__":1,"a":{}}`, "compact"), `{"__proto__":1,"a":{}}`);
});

Deno.test("keys sort by code point (Go's UTF-8 order), not by UTF-16 unit", () => {
  // U+FF61 is below U+1F600 in code points, above its surrogates in UTF-16.
  assert.equal(
    formatJson(`{"\u{1F600}":1,"\uFF61":2,"a":3}`, "compact"),
    `{"a":3,"\uFF61":2,"\u{1F600}":1}`,
  );
  // Also when the keys are written with escapes, and after text that sorted them by unit.
  const escaped = String.raw`{"\ud83d\ude00":1,"\uff61":2,"a":3}`;
  for (const text of [`[${escaped}]`, `[{"\u{1F600}":1,"\uFF61":2,"a":3}]`]) {
    assert.equal(formatJson(text, "compact"), `[{"a":3,"\uFF61":2,"\u{1F600}":1}]`);
  }
});

Deno.test("eachJsonElement hands over each element as it is read, and nothing for other values", () => {
  const seen: string[] = [];
  assert.equal(eachJsonElement(`[{"b":1,"a":2}, [3]]`, "compact", (i) => seen.push(i)), true);
  assert.deepEqual(seen, [`{"a":2,"b":1}`, "[3]"]);
  assert.equal(eachJsonElement(`{"a":[1]}`, "compact", (i) => seen.push(i)), false);
  assert.equal(eachJsonElement(` [ ] `, "pretty", (i) => seen.push(i)), true);
  assert.equal(seen.length, 2, "no element of an object or of an empty array");
  // The elements before a fault have been handed over when it is found.
  assert.throws(
    () => eachJsonElement(`[1, 2, {"a"`, "compact", (i) => seen.push(i)),
    JsonSyntaxError,
  );
  assert.deepEqual(seen.slice(2), ["1", "2"]);
});

Deno.test("elements of an array are formatted as they sit in it; other values give undefined", () => {
  assert.deepEqual(formatJsonElements(`[{"b":1,"a":[2]}, 3]`, "pretty"), [
    `{\n\t\t"a": [\n\t\t\t2\n\t\t],\n\t\t"b": 1\n\t}`,
    "3",
  ]);
  assert.deepEqual(formatJsonElements(` [ ] `, "compact"), []);
  assert.equal(formatJsonElements(`{"a":[1]}`, "compact"), undefined);
  assert.equal(formatJsonElements(`"x"`, "compact"), undefined);
  // Not an array, and not JSON either: the JSON error wins.
  assert.throws(() => formatJsonElements(`{"a":`, "compact"), JsonSyntaxError);
  assert.throws(() => formatJsonElements(`[1] x`, "compact"), JsonSyntaxError);
});

Deno.test("nesting far deeper than the call stack allows is formatted, and its errors found", () => {
  const depth = 100_000;
  const deep = "[".repeat(depth) + "]".repeat(depth);
  assert.deepEqual(formatJson(deep, "compact"), deep);
  assert.equal(formatJsonElements(deep, "compact")?.length, 1);
  assert.equal(
    describeJsonError(deep.slice(0, -1)),
    `unexpected end of input at line 1 column ${2 * depth}`,
  );
});

Deno.test("trees print through the same formatter (request bodies, auth)", () => {
  const body = parseJson(`{"z":12345678901234567890,"a":["\\u2028",-0,{"y":true,"x":null}]}`);
  assert.equal(
    stringifyCompact(body),
    `{"a":["\\u2028",-0,{"x":null,"y":true}],"z":12345678901234567890}`,
  );
  assert.equal(
    stringifyPretty({ token: "t", apiKey: "k", n: new RawNumber("1.50") }),
    `{\n\t"apiKey": "k",\n\t"n": 1.50,\n\t"token": "t"\n}`,
  );
});

Deno.test("JSON errors give line and column without quoting the text", () => {
  const msg = describeJsonError(`{"password":"hunter2",\n  x}`);
  assert.equal(msg, "expected a property name at line 2 column 3");
  assert.equal(msg.includes("hunter2"), false);
  const cases: [string, string][] = [
    ["", "unexpected end of input at line 1 column 1"],
    [`{"a":1,}`, "expected a property name at line 1 column 8"],
    [`[1,]`, "expected a value at line 1 column 4"],
    [`[1 2]`, `expected "," or "]" at line 1 column 4`],
    [`{"a" 1}`, `expected ":" at line 1 column 6`],
    [`{"password":"hunter2-secret" x}`, `expected "," or "}" at line 1 column 30`],
    [`{"a":"se\\xcret"}`, "invalid escape in string at line 1 column 9"],
    [`["se\\u12g4"]`, "invalid \\u escape in string at line 1 column 5"],
    [`["secret\u0001"]`, "control character in string at line 1 column 9"],
    [`"secret`, "unterminated string at line 1 column 8"],
    [`[01]`, `expected "," or "]" at line 1 column 3`],
    [`-x`, "invalid number at line 1 column 2"],
    [`1.e5`, "invalid number at line 1 column 3"],
    [`tru`, "expected a value at line 1 column 1"],
    [`{}\n\n  {}`, "unexpected text after the value at line 3 column 3"],
    [`\ufeff{}`, "expected a value at line 1 column 1"],
  ];
  for (const [text, expected] of cases) assert.deepEqual(describeJsonError(text), expected, text);
  assert.equal(describeJsonError(`{"a":1}`), "invalid JSON");
});

Deno.test("printResponse: pretty with a final newline, --jsonl lines, --raw-output as it came", async () => {
  const body = `[{"b":1,"a":12345678901234567890}, {"c":"\\u00e9"}]`;
  const pretty = testContext();
  await printResponse(pretty.ctx, jsonResponse(body), { raw: false, jsonl: false });
  assert.equal(
    pretty.stdout(),
    `[\n\t{\n\t\t"a": 12345678901234567890,\n\t\t"b": 1\n\t},\n\t{\n\t\t"c": "é"\n\t}\n]\n`,
  );
  const lines = testContext();
  await printResponse(lines.ctx, jsonResponse(body), { raw: false, jsonl: true });
  assert.equal(lines.stdout(), `{"a":12345678901234567890,"b":1}\n{"c":"é"}\n`);
  const raw = testContext();
  await printResponse(raw.ctx, jsonResponse(body), { raw: true, jsonl: false });
  assert.deepEqual(raw.stdout(), body);
  const empty = testContext();
  await printResponse(empty.ctx, jsonResponse("[]"), { raw: false, jsonl: true });
  assert.equal(empty.stdout(), "");
});

Deno.test("printResponse: invalid JSON and a non-array --jsonl are one-line errors", async () => {
  const out = testContext().ctx;
  const err = await Promise.resolve().then(() =>
    printResponse(out, jsonResponse(`{"token":"secret"`), { raw: false, jsonl: false })
  ).then(() => assert.fail("expected a rejection"), (e: unknown) => e);
  assert.ok(err instanceof CliError, String(err));
  assert.ok(err.message.includes("the response is not valid JSON"), err.message);
  assert.doesNotMatch(err.message, /secret/);
  await assert.rejects(
    () => printResponse(out, jsonResponse(`{"a":1}`), { raw: false, jsonl: true }),
    (e) => e instanceof CliError && e.message.includes("--jsonl needs an array response"),
  );
  await assert.rejects(
    () => printResponse(out, jsonResponse(`{"a":`), { raw: false, jsonl: true }),
    (e) => e instanceof CliError && e.message.includes("the response is not valid JSON"),
  );
});

/** Pages served from a list: each but the last names the next by index. */
function pagesOf(bodies: string[]): PageFetcher {
  return (key) => {
    const at = key === undefined ? 0 : Number(key);
    const next: Record<string, string> = at + 1 < bodies.length ? { "x-next": String(at + 1) } : {};
    return Promise.resolve(jsonResponse(bodies[at], next));
  };
}

async function fetchAll(
  bodies: string[],
  mode: { raw: boolean; jsonl: boolean },
  stderrIsTerminal = false,
) {
  const t = testContext({ stderrIsTerminal });
  await printAllPages(t.ctx, pagesOf(bodies), "x-next", mode);
  return { stdout: t.stdout(), stderr: t.stderr() };
}

Deno.test("--fetch-all merges pages: pretty, --jsonl, and --raw-output compact with no newline", async () => {
  const pages = [`[{"b":1,"a":2}]`, `[]`, `[3, {"z":[]}]`];
  assert.equal(
    (await fetchAll(pages, { raw: false, jsonl: false })).stdout,
    `[\n\t{\n\t\t"a": 2,\n\t\t"b": 1\n\t},\n\t3,\n\t{\n\t\t"z": []\n\t}\n]\n`,
  );
  assert.equal(
    (await fetchAll(pages, { raw: false, jsonl: true })).stdout,
    `{"a":2,"b":1}\n3\n{"z":[]}\n`,
  );
  assert.equal(
    (await fetchAll(pages, { raw: true, jsonl: false })).stdout,
    `[{"a":2,"b":1},3,{"z":[]}]`,
  );
  // --raw-output wins over --jsonl, as for a single response.
  assert.equal(
    (await fetchAll(pages, { raw: true, jsonl: true })).stdout,
    `[{"a":2,"b":1},3,{"z":[]}]`,
  );
  assert.equal((await fetchAll(["[]", ""], { raw: true, jsonl: false })).stdout, "[]");
});

Deno.test("--fetch-all: the next page's request is sent before this page is printed", async () => {
  const pages = 3;
  const arrived = new Int32Array(new SharedArrayBuffer(4 * pages));
  const server = new Worker(new URL("../helpers/paging_server.ts", import.meta.url), {
    type: "module",
  });
  const reply = () =>
    new Promise<{ port?: number }>((resolve) => server.onmessage = (e) => resolve(e.data));
  try {
    const started = reply();
    server.postMessage({ pages, arrived });
    const { port } = await started;
    const t = testContext();
    // Printing page k blocks this thread until the request for page k + 1 has
    // reached the server: only a request already sent can get there meanwhile.
    const waits: string[] = [];
    let written = 0;
    const stdout = {
      isTerminal: () => false,
      write: (d: string | Uint8Array) => {
        t.ctx.stdout.write(d);
        const k = written++;
        if (k + 1 < pages) waits.push(Atomics.wait(arrived, k + 1, 0, 10_000));
      },
    };
    await printAllPages(
      { ...t.ctx, stdout },
      (key) => fetch(`http://127.0.0.1:${port}/?key=${key ?? 0}`),
      "x-next",
      { raw: false, jsonl: false },
    );
    assert.equal(t.stdout(), "[\n\t0,\n\t1,\n\t2\n]\n");
    // One wait per page but the last: "not-equal" if the request had arrived before
    // the wait began, "ok" if it arrived during it, "timed-out" if it never came.
    assert.deepEqual(waits.length, pages - 1);
    assert.deepEqual(waits.filter((w) => w === "timed-out"), [], waits.join());
  } finally {
    const closed = reply();
    server.postMessage("stop");
    await closed;
    server.terminate();
  }
});

Deno.test("--fetch-all --raw-output: a single page prints byte for byte", async () => {
  const page = `[ {"b":1, "a":2} ]\n`;
  assert.deepEqual((await fetchAll([page], { raw: true, jsonl: false })).stdout, page);
  const object = `{"b": 1}`;
  assert.deepEqual((await fetchAll([object], { raw: true, jsonl: false })).stdout, object);
  assert.equal((await fetchAll([object], { raw: false, jsonl: false })).stdout, `{\n\t"b": 1\n}\n`);
});

Deno.test("--fetch-all: a page that is not an array cannot be merged", async () => {
  for (const raw of [false, true]) {
    await assert.rejects(
      () => fetchAll([`[1]`, `{"a":1}`], { raw, jsonl: false }),
      (e) => e instanceof CliError && e.message.includes("--fetch-all cannot merge pages"),
    );
    await assert.rejects(
      () => fetchAll([`{"a":1}`, `[1]`], { raw, jsonl: false }),
      (e) => e instanceof CliError && e.message.includes("--fetch-all cannot merge pages"),
    );
  }
  await assert.rejects(
    () => fetchAll([`[1]`, `[2`], { raw: true, jsonl: false }),
    (e) => e instanceof CliError && e.message.includes("the response is not valid JSON"),
  );
  // A page that breaks off after some elements: none of them is printed, only the pages before.
  for (const jsonl of [false, true]) {
    const t = testContext();
    await assert.rejects(
      () => printAllPages(t.ctx, pagesOf([`[1,2]`, `[3,4,{"a":`]), "x-next", { raw: false, jsonl }),
      (e) => e instanceof CliError && e.message.includes("the response is not valid JSON"),
    );
    assert.deepEqual(t.stdout(), jsonl ? "1\n2\n" : "[\n\t1,\n\t2");
  }
});

Deno.test("--fetch-all progress: its line is cleared on success and before an error", async () => {
  const ok = await fetchAll([`[1]`, `[2,3]`], { raw: false, jsonl: true }, true);
  assert.equal(ok.stdout, "1\n2\n3\n");
  assert.equal(ok.stderr, "\rfetched 1 page, 1 item\rfetched 2 pages, 3 items\r\x1b[K");
  const t = testContext({ stderrIsTerminal: true });
  const failing: PageFetcher = (key) =>
    key === undefined
      ? Promise.resolve(jsonResponse(`[1]`, { "x-next": "k" }))
      : Promise.reject(new CliError("network", "connection reset"));
  await assert.rejects(
    () => printAllPages(t.ctx, failing, "x-next", { raw: false, jsonl: false }),
    (e) => e instanceof CliError && e.message.includes("connection reset"),
  );
  assert.ok(t.stderr().endsWith("\r\x1b[K"), JSON.stringify(t.stderr()));
  // Nothing shown, nothing to clear.
  const quiet = testContext({ stderrIsTerminal: true });
  await assert.rejects(
    () => printAllPages(quiet.ctx, pagesOf([`{`]), "x-next", { raw: false, jsonl: false }),
    CliError,
  );
  assert.equal(quiet.stderr(), "");
});

Deno.test("--fetch-all progress: counted in words, and never beside a pipe's output", async () => {
  const ja = testContext({ stderrIsTerminal: true, env: { LANG: "ja_JP.UTF-8" } });
  await printAllPages(ja.ctx, pagesOf([`[1]`, `[2,3]`]), "x-next", { raw: false, jsonl: true });
  assert.equal(ja.stderr(), "\r取得中: 1 ページ（1 件）\r取得中: 2 ページ（3 件）\r\x1b[K");
  // Into a pipe, whose reader may print on this terminal at any moment: no progress at all.
  for (
    const mode of [{ raw: false, jsonl: true }, {
      raw: false,
      jsonl: false,
      format: "csv" as const,
    }]
  ) {
    const piped = testContext({ stderrIsTerminal: true, stdoutIsPiped: true });
    await printAllPages(piped.ctx, pagesOf([`[1]`, `[2,3]`]), "x-next", mode);
    assert.equal(piped.stderr(), "");
  }
});

Deno.test("endpoint: SORACOM_ENDPOINT, coverage type, profile endpoint, sandbox", () => {
  assert.equal(
    resolveEndpoint("http://127.0.0.1:1/", "g", { endpoint: "x" }),
    "http://127.0.0.1:1",
  );
  assert.equal(resolveEndpoint(undefined, "g", undefined), "https://g.api.soracom.io");
  assert.equal(resolveEndpoint(undefined, undefined, undefined), "https://api.soracom.io");
  assert.equal(
    resolveEndpoint(undefined, "g", { endpoint: "https://x" }),
    "https://g.api.soracom.io",
  );
  assert.equal(
    resolveEndpoint(undefined, "g", { sandbox: true }),
    "https://g.api-sandbox.soracom.io",
  );
  assert.equal(resolveEndpoint(undefined, undefined, { endpoint: "https://x" }), "https://x");
  assert.equal(
    resolveEndpoint(undefined, undefined, { sandbox: true }),
    "https://api-sandbox.soracom.io",
  );
  assert.equal(
    resolveEndpoint(undefined, undefined, { coverageType: "g" }),
    "https://g.api.soracom.io",
  );
});

Deno.test("retry waits: exponential with jitter, capped; Retry-After in seconds or as a date", () => {
  assert.equal(backoffMs(RETRY_POLICY, 0, 0), 500);
  assert.equal(backoffMs(RETRY_POLICY, 0, 1), 1000);
  assert.equal(backoffMs(RETRY_POLICY, 3, 1), 8000);
  assert.deepEqual(backoffMs(RETRY_POLICY, 10, 1), RETRY_POLICY.maxDelayMs);
  assert.equal(retryAfterMs("2", 0), 2000);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4000), 6000);
  assert.equal(retryAfterMs(null, 0), undefined);
  assert.equal(retryAfterMs("soon", 0), undefined);
});
