/**
 * The contract test: for every one of the 500 command names, build a request
 * from synthetic flag values through the real code path (`runApiCommand`, in
 * process, with a fetch that captures the request) and check it against the
 * official API definition, read at test time from ../shared/soracom-api:
 * method, path with the values escaped, query names and values, headers, and
 * the JSON body validated against the operation's request body schema (ajv).
 *
 * Needs `-A` (reads the definitions; the yaml package reads LOG_TOKENS/LOG_STREAM).
 *
 * @module
 */

import type { ValidateFunction } from "ajv";
import { join } from "node:path";
import type { FlagValue } from "../../src/api/request.ts";
import { operationFlags, runApiCommand } from "../../src/cli/api_run.ts";
import { loadCatalog } from "../../src/catalog/catalog.ts";
import { commandIndex } from "../helpers/catalog_index.ts";
import type { CatalogOperation } from "../../src/catalog/types.ts";
import assert from "node:assert/strict";
import { testContext } from "../helpers/context.ts";
import { minimal, newAjv, synthNumber, synthString, toJsonSchema } from "../helpers/api_schemas.ts";
import {
  isObj,
  isObjectSchema,
  loadSpecs,
  type Obj,
  pflagKind,
  type SpecCommand,
  specCommands,
  type SpecFlag,
  specFlags,
  specsPresent,
} from "../helpers/api_spec.ts";

const ENDPOINT = "https://contract.invalid";
const OPERATOR_ID = "OP0099887766";
const API_KEY = "api-key-contract-test";
/** A JWT-shaped token for OPERATOR_ID (its payload is all the CLI reads of a token). */
const API_TOKEN = ['{"alg":"none"}', JSON.stringify({ operator: { operatorId: OPERATOR_ID } }), ""]
  .map((part) => new TextEncoder().encode(part).toBase64({ omitPadding: true })).join(".");
const COMMAND_COUNT = 500;

function synthFlag(f: SpecFlag): FlagValue {
  switch (f.type) {
    case "string":
      return f.name === "path" && f.where === "path"
        ? "/dir//sub dir/file ü.txt"
        : synthString(f.schema, f.name, f.default);
    case "integer":
    case "number":
      return synthNumber(f.schema, f.type === "integer", f.default);
    case "boolean":
      return f.default !== true;
    case "array": {
      // Two flags, one holding a comma-separated pair: the wire gets three values.
      const max = typeof f.schema.maxItems === "number" ? f.schema.maxItems : 3;
      const values = (f.enum ?? ["alpha", "beta", "gamma"]).slice(0, max);
      return values.length > 2 ? [values[0], `${values[1]},${values[2]}`] : [values.join(",")];
    }
  }
}

/** The smallest value the schema accepts: required properties only, first choices. */

// ---------------------------------------------------------------------------
// Expected wire form (written independently of src/api/request.ts)

const PATH_SAFE = /[A-Za-z0-9\-._~$&+,;=:@]/;

/** Go's `url.PathEscape`: UTF-8 bytes of anything but unreserved and `$&+,;=:@` become %XX. */
function pathEscape(s: string): string {
  let out = "";
  for (const ch of s) {
    if (PATH_SAFE.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of new TextEncoder().encode(ch)) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}

function splitList(value: readonly string[]): string[] {
  return value.flatMap((v) => v.split(",")).filter((v) => v !== "");
}

function sentInQuery(f: SpecFlag, value: FlagValue): string[] {
  if (Array.isArray(value)) return splitList(value);
  if (value === f.default) return [];
  if (typeof value === "number" && f.type === "number") return [value.toFixed(6)];
  return [String(value)];
}

function jsonOf(value: FlagValue): unknown {
  return Array.isArray(value) ? splitList(value) : value;
}

// ---------------------------------------------------------------------------
// Running one command

interface Captured {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

/** One way of calling a command: its flags and what the body should be. */
interface Variant {
  readonly label: string;
  readonly flags: Record<string, FlagValue>;
  /** What to pass as `--body` (text, or bytes through a temp file). */
  readonly bodyInput?: string | Uint8Array;
  readonly contentType?: string;
  /** The body must arrive exactly as given (arrays, binary, uploads). */
  readonly raw?: true;
}

async function run(
  op: CatalogOperation,
  variant: Variant,
  dir: string,
): Promise<{ requests: Captured[]; stderr: string }> {
  const requests: Captured[] = [];
  const { ctx, stderr } = testContext({
    env: { SORACOM_ENDPOINT: ENDPOINT, SORACOM_PROFILE_DIR: dir, SORACOM_SESSION_DIR: dir },
    fetch: async (req) => {
      requests.push({
        method: req.method,
        url: new URL(req.url),
        headers: req.headers,
        body: new Uint8Array(await req.arrayBuffer()),
      });
      const body = req.method === "HEAD" ? null : op.arrayResponse ? "[]" : "{}";
      return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    },
  });
  const flags: Record<string, unknown> = {
    ...variant.flags,
    "api-key": API_KEY,
    "api-token": API_TOKEN,
  };
  if (typeof variant.bodyInput === "string") flags.body = variant.bodyInput;
  if (variant.bodyInput instanceof Uint8Array) {
    const file = join(dir, "body.bin");
    await Deno.writeFile(file, variant.bodyInput);
    flags.body = `@${file}`;
  }
  await runApiCommand(ctx, op, flags);
  return { requests, stderr: stderr() };
}

const BINARY = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);

/** The ways to call `command`: one, or three for the uploads with a content-type header. */
function variants(command: SpecCommand, flags: readonly SpecFlag[]): Variant[] {
  const values: Record<string, FlagValue> = {};
  for (const f of flags) {
    if (f.name === "content-type" && f.where === "header") continue;
    // The operator ID is left out: it must come from the API token.
    if (f.name === "operator_id" && f.where === "path") continue;
    if (f.name === "operatorId" && f.where === "body" && f.required) continue;
    values[f.flag] = synthFlag(f);
  }
  const body = command.body;
  if (body === undefined) return [{ label: "flags", flags: values }];
  const { spec } = command;
  if (flags.some((f) => f.name === "content-type" && f.where === "header")) {
    // Uploads: the body is sent as given, with --content-type as its Content-Type.
    return [
      {
        label: "binary body, --content-type application/octet-stream",
        flags: { ...values, "content-type": "application/octet-stream" },
        bodyInput: BINARY,
        contentType: "application/octet-stream",
        raw: true,
      },
      {
        label: "JSON text, --content-type application/json",
        flags: { ...values, "content-type": "application/json" },
        // Binary schemas take any bytes; others get a value of the schema's JSON type.
        bodyInput: body.schema.format === "binary"
          ? `{"temperature": 21.5}\n`
          : `${JSON.stringify(minimal(spec, body.schema))}\n`,
        contentType: "application/json",
        raw: true,
      },
      { label: "text, no --content-type", flags: values, bodyInput: "plain text\n", raw: true },
    ];
  }
  if (!isObjectSchema(body.schema)) {
    const text = body.schema.format === "binary"
      ? "plain text\n"
      : JSON.stringify(minimal(spec, body.schema), null, 1);
    return [{
      label: "raw body",
      flags: values,
      bodyInput: text,
      contentType: body.contentType,
      raw: true,
    }];
  }
  const bodyFlags = flags.filter((f) => f.where === "body");
  if (bodyFlags.length === 0) {
    // No flattened properties: everything goes through --body.
    return [{
      label: "--body from the schema",
      flags: values,
      bodyInput: JSON.stringify(minimal(spec, body.schema)),
      contentType: body.contentType,
    }];
  }
  // Required properties no flag can express (nested objects, arrays of objects) go in --body.
  const properties = isObj(body.schema.properties) ? body.schema.properties : {};
  const required = Array.isArray(body.schema.required) ? body.schema.required.map(String) : [];
  const missing = required.filter((n) => !bodyFlags.some((f) => f.name === n));
  if (missing.length === 0) {
    return [{ label: "flags", flags: values, contentType: body.contentType }];
  }
  const extra = Object.fromEntries(missing.map((n) => [n, minimal(spec, properties[n] ?? {})]));
  // A key that a flag also sets: the flag must win.
  const overwritten = bodyFlags.find((f) => f.flag in values);
  if (overwritten) extra[overwritten.name] = "overwritten by the flag";
  return [{
    label: `flags + --body with ${missing.join(", ")}`,
    flags: values,
    bodyInput: JSON.stringify(extra),
    contentType: body.contentType,
  }];
}

function expectedPath(
  command: SpecCommand,
  flags: readonly SpecFlag[],
  values: Record<string, FlagValue>,
): string {
  return command.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === "operator_id") return OPERATOR_ID;
    const f = flags.find((p) => p.where === "path" && p.name === name);
    assert.ok(f !== undefined, `no flag for path parameter {${name}}`);
    const value = String(values[f.flag]);
    if (name === "path" && command.path.startsWith("/files/")) {
      return value.split("/").filter((p) => p !== "").map(pathEscape).join("/");
    }
    return pathEscape(value);
  });
}

function checkRequest(
  command: SpecCommand,
  flags: readonly SpecFlag[],
  variant: Variant,
  req: Captured,
  validate: ValidateFunction | undefined,
): void {
  assert.deepEqual(req.method, command.method, "method");
  assert.deepEqual(req.url.origin, ENDPOINT, "endpoint");
  assert.equal(req.url.pathname, `/v1${expectedPath(command, flags, variant.flags)}`, "path");

  // Query: only names the operation defines; every set flag sent unless it equals the default.
  const defined = new Set(command.params.filter((p) => p.in === "query").map((p) => p.name));
  for (const name of new Set(req.url.searchParams.keys())) {
    assert.ok(defined.has(name), `query parameter "${name}" is not defined by the operation`);
  }
  for (const f of flags.filter((p) => p.where === "query")) {
    const value = variant.flags[f.flag];
    assert.deepEqual(req.url.searchParams.getAll(f.name), sentInQuery(f, value), `query ${f.name}`);
  }
  for (const p of command.params.filter((p) => p.required && p.in === "query")) {
    assert.ok(req.url.searchParams.has(p.name), `required query parameter "${p.name}" missing`);
  }

  // Headers.
  assert.deepEqual(
    req.headers.get("x-soracom-api-key"),
    command.security ? API_KEY : null,
    "X-Soracom-API-Key",
  );
  assert.deepEqual(
    req.headers.get("x-soracom-token"),
    command.security ? API_TOKEN : null,
    "X-Soracom-Token",
  );
  assert.equal(req.headers.get("x-soracom-lang"), "en", "X-Soracom-Lang");
  assert.deepEqual(req.headers.get("content-type"), variant.contentType ?? null, "Content-Type");

  // Body.
  const body = command.body;
  if (body === undefined) {
    assert.equal(req.body.length, 0, "no body expected");
    return;
  }
  if (variant.raw) {
    const sent = typeof variant.bodyInput === "string"
      ? new TextEncoder().encode(variant.bodyInput)
      : variant.bodyInput;
    assert.ok(sent !== undefined, "a raw variant needs --body");
    assert.deepEqual(req.body, sent, "raw body must arrive unchanged");
    if (variant.contentType === "application/json" && validate && body.schema.format !== "binary") {
      validateJson(validate, JSON.parse(new TextDecoder().decode(req.body)));
    }
    return;
  }
  const json: unknown = JSON.parse(new TextDecoder().decode(req.body));
  assert.ok(isObj(json), "the body must be a JSON object");
  assert.ok(validate !== undefined, "no validator");
  validateJson(validate, json);
  for (const f of flags.filter((p) => p.where === "body")) {
    const value = variant.flags[f.flag];
    if (value === undefined) {
      if (f.name === "operatorId") assert.deepEqual(json.operatorId, OPERATOR_ID, "operatorId");
      continue;
    }
    const sent = f.type === "string"
      ? value !== f.default
      : !Array.isArray(value) || value.length > 0;
    assert.deepEqual(
      json[f.name],
      sent ? jsonOf(value) : undefined,
      `body "${f.name}" (--${f.flag})`,
    );
  }
  if (typeof variant.bodyInput === "string") {
    const given = JSON.parse(variant.bodyInput) as Obj;
    for (const [key, value] of Object.entries(given)) {
      if (flags.some((f) => f.where === "body" && f.name === key && f.flag in variant.flags)) {
        continue;
      }
      assert.deepEqual(json[key], value, `--body key "${key}"`);
    }
  }
}

function validateJson(validate: ValidateFunction, value: unknown): void {
  if (validate(value)) return;
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  throw new Error(`body does not match the schema: ${errors.join("; ")}\n${JSON.stringify(value)}`);
}

const present = specsPresent();

Deno.test({
  name: present
    ? `contract: each of the ${COMMAND_COUNT} commands sends the request the API definition describes`
    : "contract: commands vs the API definition (IGNORED: ../shared/soracom-api/*.en.yaml not found)",
  ignore: !present,
  async fn(t) {
    const specs = await loadSpecs();
    const commands = specCommands(specs);
    const catalog = commandIndex(await loadCatalog());
    assert.deepEqual(commands.size, COMMAND_COUNT, "command names in the definitions");
    assert.deepEqual([...catalog.keys()].sort(), [...commands.keys()].sort(), "catalogue names");
    const ajv = newAjv(specs);
    const dir = await Deno.makeTempDir({ prefix: "soracom-contract-" });
    try {
      for (const command of commands.values()) {
        await t.step(command.name, async () => {
          const op = catalog.get(command.name)!;
          const flags = specFlags(command);
          const local = operationFlags(op);
          const ours = ["body", "fetch-all", "jsonl", "query", "output", "dry-run"];
          const own = Object.keys(local).filter((f) => !ours.includes(f));
          assert.deepEqual(own.sort(), flags.map((f) => f.flag).sort(), "the command's flags");
          assert.deepEqual("body" in local, command.body !== undefined, "--body");
          const validate = command.body && command.body.schema.format !== "binary"
            ? ajv.compile(toJsonSchema(command.body.rawSchema, command.specId) as Obj)
            : undefined;
          for (const variant of variants(command, flags)) {
            const where = `${command.name} (${variant.label})`;
            const { requests, stderr } = await run(op, variant, dir);
            assert.equal(requests.length, 1, `${where}: requests sent`);
            try {
              checkRequest(command, flags, variant, requests[0], validate);
            } catch (e) {
              throw new Error(`${where}: ${(e as Error).message}`);
            }
            assert.deepEqual(
              stderr.includes("Deprecated"),
              command.deprecated,
              `${where}: deprecation warning`,
            );
          }
        });
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

// ---------------------------------------------------------------------------
// The oracle's own check: its flag types against soracom-cli's --help

const SORACOM_CLI = new URL("../../../shared/oracle/soracom-cli", import.meta.url).pathname;
const haveCli = Deno.build.os === "linux" && Deno.build.arch === "x86_64" &&
  await Deno.stat(SORACOM_CLI).then((s) => s.isFile, () => false);

/** The type word pflag prints after a flag's name in `--help`, for each kind ("" for bool). */
const HELP_WORD = {
  string: "string",
  int64: "int",
  float64: "float",
  bool: "",
  stringSlice: "strings",
};

/** `--name type` (or `--name` alone) of the "Flags:" section of soracom-cli's help. */
async function helpFlagWords(name: string): Promise<Map<string, string>> {
  const out = await new Deno.Command(SORACOM_CLI, {
    args: [...name.split(" "), "--help"],
    env: { HOME: "/nonexistent", SORACOM_LANG: "en" },
    clearEnv: true,
    stdout: "piped",
    stderr: "null",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  const section = text.split("\nFlags:\n")[1]?.split("\n\n")[0] ?? "";
  const words = new Map<string, string>();
  for (const line of section.split("\n")) {
    const m = /^\s+(?:-\w, )?--([\w-]+)(?: (\w+))?(?:\s{2,}|\s*$)/.exec(line);
    if (m) words.set(m[1], m[2] ?? "");
  }
  return words;
}

Deno.test({
  name: `contract: the flag-type oracle agrees with soracom-cli's own --help${
    present && haveCli ? "" : " (ignored: needs ../shared/soracom-api and ../shared/oracle)"
  }`,
  ignore: !present || !haveCli,
  async fn() {
    const commands = [...specCommands(await loadSpecs()).values()];
    // Up to three commands for each kind (the rare ones first), plus every 50th command.
    const sample = new Set<SpecCommand>();
    for (const kind of ["stringSlice", "float64", "bool", "int64", "string"] as const) {
      const having = commands.filter((c) =>
        specFlags(c).some((f) => pflagKind(c.spec, f.schema) === kind)
      );
      assert.ok(having.length > 0, `no command has a ${kind} flag`);
      having.slice(0, 3).forEach((c) => sample.add(c));
    }
    commands.filter((_, i) => i % 50 === 0).forEach((c) => sample.add(c));
    for (const command of sample) {
      const words = await helpFlagWords(command.name);
      for (const flag of specFlags(command)) {
        const kind = pflagKind(command.spec, flag.schema)!;
        assert.deepEqual(words.get(flag.flag), HELP_WORD[kind], `${command.name} --${flag.flag}`);
      }
    }
  },
});
