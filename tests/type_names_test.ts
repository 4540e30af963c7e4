/**
 * One name, one type: a type `src/` exports is declared under that name
 * nowhere else in `src/`, exported or not. Two types of one name (there were
 * two `Invocation`s, the dispatcher's and the run's) make a reader, a search
 * and an error message ambiguous.
 */
import assert from "node:assert/strict";

const SRC = new URL("../src/", import.meta.url);

/** Every module under `src/`, relative to it, with its text. */
async function modules(dir = ""): Promise<[string, string][]> {
  const found: [string, string][] = [];
  for await (const entry of Deno.readDir(new URL(dir, SRC))) {
    const path = `${dir}${entry.name}`;
    if (entry.isDirectory) found.push(...await modules(`${path}/`));
    else if (entry.name.endsWith(".ts")) {
      found.push([path, await Deno.readTextFile(new URL(path, SRC))]);
    }
  }
  return found;
}

/** The top-level types, interfaces, classes and enums a module declares, and whether exported. */
function typesOf(text: string): { name: string; exported: boolean }[] {
  return [...text.matchAll(/^(export )?(?:declare )?(?:interface|type|class|enum) (\w+)/gm)]
    .map((m) => ({ name: m[2], exported: m[1] !== undefined }));
}

Deno.test("a type src/ exports has its name to itself in src/", async () => {
  const where = new Map<string, { path: string; exported: boolean }[]>();
  for (const [path, text] of await modules()) {
    for (const { name, exported } of typesOf(text)) {
      where.set(name, [...where.get(name) ?? [], { path, exported }]);
    }
  }
  const shared = [...where].filter(([, places]) =>
    places.length > 1 && places.some((p) => p.exported)
  ).map(([name, places]) => `${name}: ${places.map((p) => p.path).join(", ")}`);
  assert.deepEqual(shared, []);
});
