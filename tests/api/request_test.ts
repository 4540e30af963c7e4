import assert from "node:assert/strict";
import { fc } from "../helpers/property.ts";
import { buildApiCall, escapeFilesPath } from "../../src/api/request.ts";
import { encodeQuery } from "../../src/api/client.ts";
import { loadCatalog } from "../../src/catalog/catalog.ts";
import { commandIndex } from "../helpers/catalog_index.ts";
import { CliError } from "../../src/errors.ts";

const index = commandIndex(await loadCatalog());
const op = (name: string) => index.get(name)!;
const enc = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | string | undefined) =>
  typeof b === "string" ? b : new TextDecoder().decode(b);

Deno.test("path values are escaped; required path parameters use soracom-cli's message", () => {
  const call = buildApiCall(op("subscribers get"), { values: { imsi: "44 0/1" } }, "OP1");
  assert.equal(call.path, "/subscribers/44%200%2F1");
  assert.throws(
    () => buildApiCall(op("subscribers get"), { values: {} }, "OP1"),
    (e) =>
      e instanceof CliError && e.message.includes("required parameter 'imsi' is not specified"),
  );
});

Deno.test("operator_id is filled from the session, and is never reported missing", () => {
  assert.equal(
    buildApiCall(op("operator get"), { values: {} }, "OP0012345678").path,
    "/operators/OP0012345678",
  );
  assert.equal(
    buildApiCall(op("operator get"), { values: { "operator-id": "OPX" } }, "OP1").path,
    "/operators/OPX",
  );
  buildApiCall(op("operator get"), { values: {} }, undefined);
});

Deno.test("query: sorted, defaults not sent, arrays repeated and comma-split", () => {
  const call = buildApiCall(op("subscribers list"), {
    values: {
      limit: 10,
      "tag-value-match-mode": "exact",
      "tag-name": "a b",
      "last-evaluated-key": "440",
    },
  }, "OP1");
  assert.equal(encodeQuery(call.query!), "last_evaluated_key=440&limit=10&tag_name=a+b");
  const q = buildApiCall(op("query sims"), { values: { imsi: ["1,2", "3"], limit: 10 } }, "OP1");
  assert.equal(encodeQuery(q.query!), "imsi=1&imsi=2&imsi=3");
});

Deno.test("body: flags overwrite --body keys; required body property message names key and flag", () => {
  const call = buildApiCall(op("subscribers update-speed-class"), {
    values: { imsi: "1", "speed-class": "s1.fast" },
    body: enc(`{"speedClass":"s1.slow","extra":12345678901234567890}`),
  }, "OP1");
  assert.equal(text(call.body), `{"extra":12345678901234567890,"speedClass":"s1.fast"}`);
  assert.equal(call.contentType, "application/json");
  assert.throws(
    () => buildApiCall(op("subscribers update-speed-class"), { values: { imsi: "1" } }, "OP1"),
    (e) =>
      e instanceof CliError &&
      e.message.includes(
        "required parameter 'speedClass' in body (or command line option 'speed-class') is not specified",
      ),
  );
  // A key in --body satisfies the requirement.
  buildApiCall(op("subscribers update-speed-class"), {
    values: { imsi: "1" },
    body: enc(`{"speedClass":null}`),
  }, "OP1");
});

Deno.test("x-soracom-cli-param-name renames the flag, not the JSON key", () => {
  const call = buildApiCall(op("sims downlink-http"), {
    values: { "sim-id": "8", "request-body": "hi" },
  }, "OP1");
  assert.equal(text(call.body), `{"body":"hi"}`);
});

Deno.test("array bodies are sent as given and must be JSON", () => {
  const body = `[{"key":"a","value":"b"}]`;
  const call = buildApiCall(op("groups put-config"), {
    values: { "group-id": "g", namespace: "SoracomAir" },
    body: enc(body),
  }, "OP1");
  assert.deepEqual(text(call.body), body);
  assert.throws(
    () =>
      buildApiCall(op("groups put-config"), {
        values: { "group-id": "g", namespace: "SoracomAir" },
        body: enc("[1,"),
      }, "OP1"),
    (e) =>
      e instanceof CliError &&
      e.message.includes("invalid json format specified for `--body` parameter"),
  );
});

Deno.test("binary uploads use --content-type and send the bytes unchanged", () => {
  const bytes = new Uint8Array([0, 97, 115, 109, 255]);
  const call = buildApiCall(op("soralets upload"), {
    values: { "soralet-id": "s", "content-type": "application/octet-stream" },
    body: bytes,
  }, "OP1");
  assert.equal(call.contentType, "application/octet-stream");
  assert.deepEqual(call.body, bytes);
});

Deno.test("Harvest Files paths keep their slashes; scope defaults to private", () => {
  assert.equal(escapeFilesPath("/a b//c/"), "a%20b/c");
  assert.equal(
    buildApiCall(op("files get"), { values: { path: "dir/x.txt" } }, "OP1").path,
    "/files/private/dir/x.txt",
  );
});

Deno.test("invalid --body JSON names the position", () => {
  assert.throws(() =>
    buildApiCall(op("subscribers update-speed-class"), {
      values: { imsi: "1" },
      body: enc(`{"a":1,,}`),
    }, "OP1"), (e) => e instanceof CliError && e.message.includes("line 1 column 8"));
  assert.throws(() =>
    buildApiCall(op("subscribers update-speed-class"), {
      values: { imsi: "1" },
      body: enc(`[1]`),
    }, "OP1"), (e) => e instanceof CliError && e.message.includes("must be a JSON object"));
});

Deno.test("property: the request builder throws only CliError, whatever the flags and --body", () => {
  const ops = [...new Set(index.values())];
  const anyValue = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
  );
  // Values for the operation's own flags (of their type, and sometimes of another), plus noise.
  const input = fc.constantFrom(...ops).chain((o) => {
    const flags = [...o.params.map((p) => p.flag), ...(o.body?.props ?? []).map((p) => p.flag)];
    return fc.record({
      op: fc.constant(o),
      values: fc.dictionary(flags.length > 0 ? fc.constantFrom(...flags) : fc.string(), anyValue),
      body: fc.option(fc.oneof(fc.json(), fc.string(), fc.constant("{}"), fc.constant("[]"))),
      operatorId: fc.option(fc.string({ minLength: 1 })),
    });
  });
  fc.assert(
    fc.property(input, ({ op, values, body, operatorId }) => {
      try {
        const call = buildApiCall(
          op,
          { values, body: body === null ? undefined : enc(body) },
          operatorId ?? undefined,
        );
        if (!call.path.startsWith("/")) throw new Error(`path ${call.path}`);
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
      }
    }),
    { numRuns: 3000 },
  );
});

Deno.test("body numbers and booleans are sent when given, even 0 and false; body strings equal to the default are not", () => {
  const call = buildApiCall(op("sims downlink-http"), {
    values: { "sim-id": "8", port: 0, ssl: false, "skip-verify": true },
  }, "OP1");
  assert.deepEqual(JSON.parse(text(call.body)), { port: 0, skipVerify: true, ssl: false });
  const none = buildApiCall(op("sims downlink-http"), { values: { "sim-id": "8" } }, "OP1");
  assert.equal(text(none.body), "{}");
});
