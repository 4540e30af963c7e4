/**
 * The layers of `src/`, as `docs/architecture.md` draws them: a module may
 * import its own area and the areas of lower layers, never a higher layer or
 * another area of its own layer (as std's
 * `_tools/check_circular_package_dependencies.ts` holds its packages to a
 * list); and inside an area, no module imports one that imports it back,
 * however far round. Type-only and dynamic imports count too: they are
 * dependencies all the same. The imports in JSDoc examples do not.
 */

import assert from "node:assert/strict";

/** Lowest first. An area is a folder of `src/` (`json/`) or a file at its top. */
const LAYERS: readonly (readonly string[])[] = [
  ["json/", "bytes.ts", "terminal_text.ts"],
  [
    "messages.ts",
    "version.ts",
    "permissions.ts",
    "secrets.ts",
    "suggest.ts",
  ],
  ["errors.ts"],
  ["context.ts"],
  ["output/", "redact.ts", "catalog/"],
  ["profile/", "emulator/"],
  ["api/"],
  ["auth/", "update/"],
  ["system/"],
  ["cli/"],
  ["mcp/"],
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
  // A JSDoc example imports what it shows, the module itself among them: no dependency.
  const code = text.replace(/\/\*\*[\s\S]*?\*\//g, "");
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"(\.\.?\/[^"]+)"/g)) {
    const url = new URL(m[1], new URL(path, SRC));
    if (url.href.startsWith(SRC.href)) targets.push(url.href.slice(SRC.href.length));
  }
  return targets;
}

/**
 * The one way down-up: `soracom mcp`'s command loads the top layer, `mcp/`
 * (held to loading it only when it runs by the test at the end).
 */
const LOADS_UP: Readonly<Record<string, string>> = { "cli/commands/mcp.ts": "mcp/" };

/** The imports that break the layering, as `from -> to` lines. */
async function violations(): Promise<string[]> {
  const found: string[] = [];
  for (const path of (await modules()).sort()) {
    const from = areaOf(path);
    for (const target of importsOf(path, await Deno.readTextFile(new URL(path, SRC)))) {
      const to = areaOf(target);
      if (LOADS_UP[path] === to) continue;
      if (to !== from && layerOf(to) >= layerOf(from)) found.push(`${path} -> ${target}`);
    }
  }
  return found;
}

/** Each module's imports of modules of its own area. */
async function areaGraph(): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  for (const path of (await modules()).sort()) {
    const text = await Deno.readTextFile(new URL(path, SRC));
    graph.set(path, importsOf(path, text).filter((t) => areaOf(t) === areaOf(path)));
  }
  return graph;
}

/**
 * The import cycles of `graph`, each as its modules in import order from the
 * first by name, back to it (`a.ts -> b.ts -> a.ts`): one for each set of
 * modules that reach each other (Tarjan's strongly connected components).
 */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = stack.splice(stack.indexOf(v));
    if (component.length > 1 || graph.get(v)?.includes(v)) found.push(path(graph, component));
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found.sort();
}

/** The shortest way round one cycle's modules, from the first by name back to it. */
function path(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string {
  const start = [...component].sort()[0];
  const before = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0 && !before.has(start)) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (component.includes(w) && !before.has(w)) {
        before.set(w, v);
        queue.push(w);
      }
    }
  }
  const way = [start];
  for (let v = before.get(start)!; v !== start; v = before.get(v)!) way.unshift(v);
  return [start, ...way].join(" -> ");
}

Deno.test("layers: no module imports a higher layer or another area of its own layer", async () => {
  assert.deepEqual(await violations(), []);
});

Deno.test("layers: no import cycle inside an area", async () => {
  assert.deepEqual(cycles(await areaGraph()), []);
});

Deno.test("layers: the check sees a lower layer importing a higher one", () => {
  const text = `import { x } from "../cli/app.ts";\nconst y = await import("../auth/login.ts");\n` +
    `import type { T } from "./parse.ts";\n/** \`\`\`ts\nimport { z } from "./format.ts";\n\`\`\` */`;
  assert.deepEqual(importsOf("json/format.ts", text), [
    "cli/app.ts",
    "auth/login.ts",
    "json/parse.ts",
  ]);
  assert.ok(layerOf(areaOf("cli/app.ts")) > layerOf(areaOf("json/format.ts")));
});

Deno.test("layers: the cycle check finds a cycle however far round, and only cycles", () => {
  const graph = new Map([
    ["output/print.ts", ["output/values.ts", "output/mode.ts"]],
    ["output/values.ts", ["output/formats.ts", "output/mode.ts"]],
    ["output/formats.ts", ["output/print.ts"]],
    ["output/mode.ts", []],
    ["json/a.ts", ["json/a.ts"]],
    ["json/b.ts", ["json/c.ts"]],
    ["json/c.ts", []],
  ]);
  assert.deepEqual(cycles(graph), [
    "json/a.ts -> json/a.ts",
    "output/formats.ts -> output/print.ts -> output/values.ts -> output/formats.ts",
  ]);
});

/** The modules outside `area` that import it, but for `command`'s dynamic or type-only imports. */
async function loadersOf(area: string, command: string): Promise<string[]> {
  const found: string[] = [];
  for (const path of (await modules()).sort()) {
    if (areaOf(path) === area) continue;
    const text = await Deno.readTextFile(new URL(path, SRC));
    for (const m of text.matchAll(/(import\s*\(\s*|\bfrom\s*|\bimport\s+)"(\.\.?\/[^"]+)"/g)) {
      const target = new URL(m[2], new URL(path, SRC)).href.slice(SRC.href.length);
      if (areaOf(target) !== area) continue;
      const dynamic = m[1].startsWith("import") && m[1].includes("(");
      const typeOnly = /import\s+type\s[^;]*$/.test(text.slice(0, m.index! + m[1].length));
      if (path !== command || !(dynamic || typeOnly)) found.push(path);
    }
  }
  return found;
}

Deno.test("layers: only the emulator's command loads emulator/, and only when it runs", async () => {
  assert.deepEqual(await loadersOf("emulator/", "cli/commands/emulator.ts"), []);
});

Deno.test("layers: only the mcp command loads mcp/, and only when it runs", async () => {
  assert.deepEqual(await loadersOf("mcp/", "cli/commands/mcp.ts"), []);
});
