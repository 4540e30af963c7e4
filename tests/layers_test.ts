/**
 * The layers of `src/`, as `docs/architecture.md` draws them: a module may
 * import its own area and the areas of lower layers, never a higher layer or
 * another area of its own layer (as std's
 * `_tools/check_circular_package_dependencies.ts` holds its packages to a
 * list). Type-only and dynamic imports count too: they are dependencies all
 * the same.
 */

import { assertEquals } from "./helpers/assert.ts";

/** Lowest first. An area is a folder of `src/` (`json/`) or a file at its top. */
const LAYERS: readonly (readonly string[])[] = [
  ["json/", "base64.ts", "bytes.ts", "terminal_text.ts"],
  [
    "messages.ts",
    "version.ts",
    "permissions.ts",
    "sha256.ts",
    "release.ts",
    "secrets.ts",
    "minisign.ts",
    "release_key.ts",
  ],
  ["errors.ts"],
  ["context.ts"],
  ["output/", "redact.ts", "catalog/"],
  ["profile/", "emulator/"],
  ["api/"],
  ["auth/"],
  ["system/"],
  ["cli/"],
];

const SRC = new URL("../src/", import.meta.url);

function areaOf(path: string): string {
  const slash = path.indexOf("/");
  return slash < 0 ? path : path.slice(0, slash + 1);
}

function layerOf(area: string): number {
  const layer = LAYERS.findIndex((areas) => areas.includes(area));
  if (layer < 0) throw new Error(`${area} is in no layer: add it to LAYERS (and the docs)`);
  return layer;
}

/** Every module under `src/`, relative to it. */
async function modules(dir = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(new URL(dir, SRC))) {
    if (entry.isDirectory) found.push(...await modules(`${dir}${entry.name}/`));
    else if (entry.name.endsWith(".ts")) found.push(`${dir}${entry.name}`);
  }
  return found;
}

/** The `src/`-relative targets of a module's relative imports (static, type-only, dynamic). */
function importsOf(path: string, text: string): string[] {
  const targets: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"(\.\.?\/[^"]+)"/g)) {
    const url = new URL(m[1], new URL(path, SRC));
    if (url.href.startsWith(SRC.href)) targets.push(url.href.slice(SRC.href.length));
  }
  return targets;
}

/** The imports that break the layering, as `from -> to` lines. */
async function violations(): Promise<string[]> {
  const found: string[] = [];
  for (const path of (await modules()).sort()) {
    const from = areaOf(path);
    for (const target of importsOf(path, await Deno.readTextFile(new URL(path, SRC)))) {
      const to = areaOf(target);
      if (to !== from && layerOf(to) >= layerOf(from)) found.push(`${path} -> ${target}`);
    }
  }
  return found;
}

Deno.test("layers: no module imports a higher layer or another area of its own layer", async () => {
  assertEquals(await violations(), []);
});

Deno.test("layers: the check sees a lower layer importing a higher one", () => {
  const text = `import { x } from "../cli/app.ts";\nconst y = await import("../auth/login.ts");\n` +
    `import type { T } from "./parse.ts";`;
  assertEquals(importsOf("json/format.ts", text), ["cli/app.ts", "auth/login.ts", "json/parse.ts"]);
  assertEquals(layerOf(areaOf("cli/app.ts")) > layerOf(areaOf("json/format.ts")), true);
});

Deno.test("layers: only the emulator's command loads emulator/, and only when it runs", async () => {
  const found: string[] = [];
  for (const path of (await modules()).sort()) {
    if (areaOf(path) === "emulator/") continue;
    const text = await Deno.readTextFile(new URL(path, SRC));
    for (const m of text.matchAll(/(import\s*\(\s*|\bfrom\s*|\bimport\s+)"(\.\.?\/[^"]+)"/g)) {
      const target = new URL(m[2], new URL(path, SRC)).href.slice(SRC.href.length);
      if (areaOf(target) !== "emulator/") continue;
      const dynamic = m[1].startsWith("import") && m[1].includes("(");
      const typeOnly = /import\s+type\s[^;]*$/.test(text.slice(0, m.index! + m[1].length));
      if (path !== "cli/commands/emulator.ts" || !(dynamic || typeOnly)) found.push(path);
    }
  }
  assertEquals(found, []);
});
