/**
 * The emulator's facts (`src/emulator/facts.json`) are what the generator
 * writes from the API definition (not stale), hold no prose of it, and cover
 * every operation of the catalogue.
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { loadCatalog } from "../../src/catalog/catalog.ts";
import { loadFacts } from "../../src/emulator/facts.ts";

const ROOT = join(import.meta.dirname ?? ".", "../..");
const SPEC_DIR = join(ROOT, "../shared/soracom-api");
const FACTS = join(ROOT, "src/emulator/facts.json");
const SPECS_PRESENT = await Deno.stat(SPEC_DIR).then(() => true, () => false);

async function generate(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env=LOG_TOKENS,LOG_STREAM",
      join(ROOT, "scripts/gen_emulator.ts"),
      "--spec-dir",
      SPEC_DIR,
      ...args,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test({
  name: SPECS_PRESENT
    ? "emulator facts are what gen_emulator writes from ../shared/soracom-api (not stale)"
    : "emulator facts are not stale (IGNORED: ../shared/soracom-api/ is not present)",
  ignore: !SPECS_PRESENT,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const out = join(dir, "facts.json");
      const run = await generate(["--out", out]);
      assert.equal(run.code, 0, run.stderr);
      assert.ok(
        await Deno.readTextFile(out) === await Deno.readTextFile(FACTS),
        "src/emulator/facts.json is stale: run `deno task gen-emulator`",
      );
      const checked = await generate(["--out", out, "--check"]);
      assert.equal(checked.code, 0, checked.stderr);
      await Deno.writeTextFile(out, "{}\n");
      const stale = await generate(["--out", out, "--check"]);
      assert.equal(stale.code, 1);
      assert.match(stale.stderr, /stale/);
      assert.equal(await Deno.readTextFile(out), "{}\n", "--check must not write");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

/** The keywords a schema of the facts may have: facts, never prose. */
const SCHEMA_KEYS = new Set([
  "$ref",
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "format",
  "nullable",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "pattern",
  "default",
  "oneOf",
  "anyOf",
  "allOf",
]);

/** Where a schema has a keyword that is not a fact. */
function proseIn(schema: unknown, at: string, found: string[]): void {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return;
  for (const [key, value] of Object.entries(schema)) {
    if (!SCHEMA_KEYS.has(key)) found.push(`${at}.${key}`);
    if (key === "properties") {
      for (const [name, sub] of Object.entries(value as object)) {
        proseIn(sub, `${at}.${name}`, found);
      }
    } else if (key === "items" || key === "additionalProperties") {
      proseIn(value, `${at}.${key}`, found);
    } else if (key === "oneOf" || key === "anyOf" || key === "allOf") {
      (value as unknown[]).forEach((sub, i) => proseIn(sub, `${at}.${key}[${i}]`, found));
    }
  }
}

Deno.test("emulator facts: every operation of the catalogue, no prose of the definition", async () => {
  const [facts, catalog] = await Promise.all([loadFacts(), loadCatalog()]);
  const missing = catalog.operations.filter((op) => facts.operations[op.operationId] === undefined);
  assert.deepEqual(missing.map((op) => op.operationId), []);
  const found: string[] = [];
  for (const [name, schema] of Object.entries(facts.schemas)) proseIn(schema, name, found);
  for (const [id, op] of Object.entries(facts.operations)) {
    assert.ok(op.status >= 200 && op.status < 400, id);
    proseIn(op.response, `${id} response`, found);
    proseIn(op.body, `${id} body`, found);
    for (const p of op.params ?? []) proseIn(p.schema, `${id} ${p.name}`, found);
  }
  assert.deepEqual(found, []);
});
