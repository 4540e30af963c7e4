/**
 * A credential source is one file under `src/auth/providers/` plus its text,
 * and nothing else needs to know its kind: these tests hold the files, the
 * registry, the tests and the words to one another, keep kind switches out of
 * the code, and the session cache away from how credentials are chosen.
 */
import assert from "node:assert/strict";
import type { Kind, Provider } from "../../../src/auth/provider.ts";
import { PROVIDERS } from "../../../src/auth/providers/mod.ts";
import { en, messages } from "../../../src/messages.ts";

const ROOT = new URL("../../../", import.meta.url);
const PROVIDER_DIR = new URL("src/auth/providers/", ROOT);

/** Every provider, loaded. */
function loadAll(): Promise<Provider<Kind>[]> {
  return Promise.all(Object.values(PROVIDERS).map((load) => load() as Promise<Provider<Kind>>));
}

/** `profile_auth_key` -> `profileAuthKey`. */
function camel(snake: string): string {
  return snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The provider files, without `.ts`; the registry aside. */
async function providerFiles(): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(PROVIDER_DIR)) {
    if (entry.isFile && entry.name.endsWith(".ts") && entry.name !== "mod.ts") {
      names.push(entry.name.slice(0, -".ts".length));
    }
  }
  return names.sort();
}

/** Every module of `src/`, relative to the repository, with its text. */
async function sources(dir = new URL("src/", ROOT)): Promise<[string, string][]> {
  const found: [string, string][] = [];
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) found.push(...await sources(url));
    else if (entry.name.endsWith(".ts")) {
      found.push([url.href.slice(ROOT.href.length), await Deno.readTextFile(url)]);
    }
  }
  return found;
}

Deno.test("every provider file has its line in PROVIDERS, and every line its file", async () => {
  const files = await providerFiles();
  assert.deepEqual(files.map(camel), Object.keys(PROVIDERS).sort());
  for (const file of files) {
    const exported: unknown[] = Object.values(
      await import(new URL(`${file}.ts`, PROVIDER_DIR).href),
    );
    const registered = new Set<unknown>(await loadAll());
    const providers = exported.filter((value) => registered.has(value));
    assert.deepEqual(
      providers,
      [await PROVIDERS[camel(file) as Kind]()],
      `${file}.ts exports the provider PROVIDERS lists for its kind, and only that one`,
    );
  }
});

Deno.test("every provider file has its tests beside the others'", async () => {
  for (const file of await providerFiles()) {
    const test = new URL(`${file}_test.ts`, import.meta.url);
    assert.ok(
      await Deno.stat(test).then(() => true, () => false),
      `tests/auth/providers/${file}_test.ts`,
    );
  }
});

Deno.test("what auth status shows of each kind has its words in both languages, and no more", async () => {
  // "unknown" is also what a profile that cannot be read shows.
  const shown = new Set([...(await loadAll()).map((p) => p.shownAs), "unknown"]);
  for (const lang of ["en", "ja"] as const) {
    const words = messages(lang).credentialKind;
    assert.deepEqual(Object.keys(words).sort(), [...shown].sort(), lang);
    for (const text of Object.values(words)) assert.ok(text.trim() !== "", lang);
  }
  assert.equal(messages("en"), en);
});

Deno.test("no code but the registry tells the kinds apart: no switch or test over them", async () => {
  const kinds = [
    ...Object.keys(PROVIDERS),
    ...(await loadAll()).map((p) => p.shownAs),
  ];
  const alternatives = [...new Set(kinds)].join("|");
  const kindUse = new RegExp(`case "(?:${alternatives})"|kind [!=]== "(?:${alternatives})"`, "g");
  /** Given keys are revoked by soracom-cli's own logout call: the one test of a kind. */
  const allowed = new Set(['src/cli/commands/auth.ts: kind === "apiKey"']);
  const found: string[] = [];
  for (const [path, text] of await sources()) {
    // The emulator knows nothing of the client; its "authKey" is an ID's kind.
    if (path.startsWith("src/emulator/")) continue;
    for (const m of text.matchAll(kindUse)) {
      if (!allowed.has(`${path}: ${m[0]}`)) found.push(`${path}: ${m[0]}`);
    }
  }
  assert.deepEqual(found, []);
});

Deno.test("the session cache wraps any provider: it imports nothing that chooses credentials", async () => {
  for (const path of ["src/auth/session.ts", "src/auth/session_cache.ts"]) {
    const text = await Deno.readTextFile(new URL(path, ROOT));
    const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]);
    for (const target of imports) {
      assert.ok(
        !/credentials\.ts$|providers\/|profile_login\.ts$/.test(target),
        `${path} imports ${target}`,
      );
    }
  }
});

Deno.test("docs/architecture.md names the files a new credential source touches, and they exist", async () => {
  const page = await Deno.readTextFile(new URL("docs/architecture.md", ROOT));
  const row = page.split("\n").find((line) => line.startsWith("| a credential source "));
  assert.ok(row, "the row of a credential source in “where a change goes”");
  const named = [...row.matchAll(/`((?:src|tests)\/[^`]+\.(?:ts|json))`/g)].map((m) => m[1]);
  for (
    const needed of [
      "src/auth/providers/<kind>.ts",
      "src/auth/provider.ts",
      "src/auth/providers/mod.ts",
      "src/auth/credentials.ts",
      "src/messages.ts",
      "tests/auth/providers/<kind>_test.ts",
    ]
  ) {
    assert.ok(named.includes(needed), `the row names ${needed}`);
  }
  const [file] = await providerFiles();
  for (const path of named) {
    const real = path.replace("<kind>", file);
    assert.ok(await Deno.stat(new URL(real, ROOT)).then(() => true, () => false), real);
  }
});
