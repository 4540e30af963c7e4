/**
 * The plain checks generated from the zod schemas (validators.generated.ts in src/profile/ and src/auth/):
 * they are what the generator writes now, they accept and return exactly what
 * zod's `safeParse` does on parsed JSON, the generator refuses what it cannot
 * translate, and a warm API command's modules do not load zod at all.
 */
import { z } from "zod";
import { fc } from "./helpers/property.ts";
import assert from "node:assert/strict";
import { generate, translate } from "../scripts/gen_validators.ts";
import { parseAuthResponse, parseCachedSession } from "../src/auth/validators.generated.ts";
import { parseProfile } from "../src/profile/validators.generated.ts";
import { profileSchema as profileType } from "../src/profile/profile_zod.ts";
import {
  authResponseSchema as authResponseType,
  cachedSessionSchema as cachedSessionType,
} from "../src/auth/session_zod.ts";

// The modules export the schemas by what they check (z.ZodType<Profile>, ...); they are
// objects of optional (or required) fields, which the properties below walk.
type ObjectOfFields = z.ZodObject<Record<string, z.ZodOptional<z.ZodType>>>;
const profileSchema = profileType as unknown as ObjectOfFields;
const cachedSessionSchema = cachedSessionType as unknown as z.ZodObject;
const authResponseSchema = authResponseType as unknown as z.ZodObject;
import { parseJsonData } from "../src/json/mod.ts";

Deno.test("validators.generated.ts is what scripts/gen_validators.ts writes (not stale)", async () => {
  const files = generate();
  assert.deepEqual([...files.keys()].sort(), [
    "src/auth/validators.generated.ts",
    "src/profile/validators.generated.ts",
  ]);
  for (const [path, text] of files) {
    assert.deepEqual(
      await Deno.readTextFile(new URL(`../${path}`, import.meta.url)),
      text,
      `${path} is stale: run \`deno task gen-validators\``,
    );
  }
});

/** Values of every JSON type, with the edge cases the checks decide on. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    "",
    "x",
    "\ud800",
    "\u{1F600}",
    0,
    -0,
    1,
    -1,
    1.5,
    2 ** 53,
    2 ** 53 - 1,
    -(2 ** 53),
    1e300,
    true,
    false,
    null,
    [],
    {},
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Objects with the schema's keys (some valid values, some not) and stray keys, via JSON text. */
function nearShape(
  keys: readonly string[],
  valid: Readonly<Record<string, fc.Arbitrary<unknown>>>,
): fc.Arbitrary<unknown> {
  const member = fc.tuple(
    fc.constantFrom(...keys, "__proto__", "constructor", "extra"),
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...keys).chain((k) => valid[k] ?? anyJson) },
      { weight: 1, arbitrary: anyJson },
    ),
  );
  const full = fc.record(
    Object.fromEntries(keys.map((k) => [k, valid[k] ?? anyJson])) as Record<
      string,
      fc.Arbitrary<unknown>
    >,
  );
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.tuple(full, fc.array(member, { maxLength: 3 })).map(([base, extra]) =>
        // Through JSON text, as the checks get it ("__proto__" stays an own key).
        parseJsonData(
          `{${
            [...Object.entries(base), ...extra].map(([k, v]) =>
              `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`
            ).join(",")
          }}`,
        )
      ),
    },
    fc.array(member, { maxLength: 6 }).map((members) =>
      parseJsonData(
        `{${
          members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`).join(",")
        }}`,
      )
    ),
    anyJson,
  );
}

const text = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom("", "\ud800", "\udc00x"));
const integer = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -0, 1.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 53) + 1, -1, 1e21),
);
const headers = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 3 }), text, { maxKeys: 3 }),
  fc.dictionary(fc.constantFrom("__proto__", "a", "constructor"), anyJson, { maxKeys: 2 }),
);

/** zod's verdict on parsed JSON: its data, or undefined. */
function zodSays(schema: z.ZodType, value: unknown): unknown {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

/** Deep equality that also tells `{a: undefined}` from `{}` and -0 from 0. */
function same(actual: unknown, expected: unknown): void {
  assert.deepEqual(actual, expected);
  if (actual !== null && typeof actual === "object") {
    const e = expected as Record<string, unknown>;
    assert.deepEqual(Object.keys(actual), Object.keys(e));
    for (const [k, v] of Object.entries(actual)) same(v, e[k]);
  } else assert.ok(Object.is(actual, expected), `${String(actual)} is not ${String(expected)}`);
}

/**
 * Holds `check` to `schema.safeParse` on near-miss objects over the schema's keys
 * (`valid` gives each key's mostly valid values), and asserts both verdicts were
 * reached often: the property is not decided by one branch.
 */
function agreesWithZod(
  schema: z.ZodObject,
  check: (value: unknown) => unknown,
  valid: Record<string, fc.Arbitrary<unknown>>,
  accepted: { min: number; max: number },
): void {
  let count = 0;
  fc.assert(
    fc.property(nearShape(Object.keys(schema.shape), valid), (value) => {
      const expected = zodSays(schema, value);
      same(check(value), expected);
      if (expected !== undefined) count++;
    }),
    { numRuns: 3000 },
  );
  assert.ok(count > accepted.min && count < accepted.max, `${count} of 3000 accepted`);
}

Deno.test("property: parseProfile accepts and returns what profileSchema.safeParse does", () => {
  const valid: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of Object.keys(profileSchema.shape)) {
    const inner = profileSchema.shape[key as keyof typeof profileSchema.shape].unwrap();
    valid[key] = inner instanceof z.ZodBoolean
      ? fc.boolean()
      : inner instanceof z.ZodNumber
      ? integer
      : inner instanceof z.ZodRecord
      ? headers
      : text;
  }
  agreesWithZod(profileSchema, parseProfile, valid, { min: 300, max: 2700 });
});

Deno.test("property: parseCachedSession accepts and returns what cachedSessionSchema.safeParse does", () => {
  agreesWithZod(cachedSessionSchema, parseCachedSession, {
    version: fc.constantFrom(2, 2, 2, 2, 1, "2"),
    identity: fc.oneof(
      { weight: 5, arbitrary: fc.stringMatching(/^[0-9a-f]{64}$/) },
      { weight: 1, arbitrary: text },
    ),
    apiKey: text,
    token: text,
    store: fc.constantFrom("keyring", "file"),
    operatorId: text,
    userName: text,
    expiresAt: fc.oneof(fc.double(), integer),
    lifetimeSeconds: fc.oneof(fc.constantFrom(1, 86400), integer),
    endpoint: text,
    label: text,
    headers: fc.option(headers, { nil: undefined }),
    mfa: fc.option(fc.boolean(), { nil: undefined }),
    // Thirteen fields each sometimes wrong: fewer whole files pass than for the smaller shapes.
  }, { min: 30, max: 2900 });
});

Deno.test("property: parseAuthResponse accepts and returns what authResponseSchema.safeParse does", () => {
  agreesWithZod(authResponseSchema, parseAuthResponse, {
    apiKey: text,
    token: text,
    operatorId: text,
    userName: text,
  }, { min: 300, max: 2700 });
});

Deno.test("the generator refuses a zod type or check it cannot translate", () => {
  for (
    const schema of [
      z.array(z.string()),
      z.string().email(),
      z.union([z.string(), z.number()]),
      z.number().multipleOf(2),
      z.record(z.enum(["a"]), z.string()),
    ]
  ) {
    assert.throws(
      () => translate(schema as never),
      (e) => e instanceof Error && e.message.includes("is not supported"),
    );
  }
});

interface ModuleInfo {
  specifier: string;
  dependencies?: { code?: { specifier: string }; isDynamic?: boolean }[];
}

/** `deno info --json` of one root: its modules and redirects. */
async function moduleGraph(
  root: string,
): Promise<{ modules: ModuleInfo[]; redirects: Record<string, string> }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", root],
    cwd: new URL("../", import.meta.url),
    stdout: "piped",
    stderr: "inherit",
  }).output();
  assert.ok(output.success, `deno info ${root} failed`);
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

/** The modules loaded by static imports from `roots` (dynamic imports not followed). */
async function staticClosure(roots: readonly string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const root of roots) {
    const info = await moduleGraph(root);
    const bySpecifier = new Map(info.modules.map((m) => [m.specifier, m]));
    const visit = (specifier: string) => {
      const resolved = info.redirects[specifier] ?? specifier;
      if (seen.has(resolved)) return;
      seen.add(resolved);
      for (const dep of bySpecifier.get(resolved)?.dependencies ?? []) {
        if (dep.code && !dep.isDynamic) visit(dep.code.specifier);
      }
    };
    visit(new URL(`../${root}`, import.meta.url).href);
  }
  return seen;
}

Deno.test("a warm API command's modules include no zod and no npm package", async () => {
  // What `soracom subscribers list` loads: main.ts, then (dynamically, always) the
  // catalogue and the API run. zod is loaded only to explain a rejection; the argv
  // reader is ours, so no library is on the warm path at all.
  const loaded = await staticClosure([
    "main.ts",
    "src/catalog/catalog.ts",
    "src/cli/api_run.ts",
  ]);
  assert.ok(loaded.has(new URL("../src/profile/validators.generated.ts", import.meta.url).href));
  assert.ok(loaded.has(new URL("../src/json/mod.ts", import.meta.url).href));
  const zod = [...loaded].filter((s) => s.includes("zod@") || s.endsWith("_zod.ts"));
  assert.equal(zod.length, 0, "zod is back on the warm path");
  const npm = [...loaded].filter((s) => s.startsWith("npm:") || s.includes("/npm/"));
  assert.equal(npm.length, 0, "an npm package is on the warm path");
  // Hints after the output are wrapped for a terminal: that code loads only on one.
  const wrap = new URL("../src/output/wrap.ts", import.meta.url).href;
  assert.ok(!loaded.has(wrap), "the terminal's wrapping is on the warm path");
});

Deno.test("a warm call's credential provider loads no login code", async () => {
  // A cached session serves the call: the login, its OTP sources and the profileCommand
  // runner load only when a login happens.
  const loaded = await staticClosure(["src/auth/providers/profile_auth_key.ts"]);
  for (const path of ["src/auth/login.ts", "src/profile/command.ts"]) {
    assert.ok(!loaded.has(new URL(`../${path}`, import.meta.url).href), `${path} is loaded`);
  }
});
