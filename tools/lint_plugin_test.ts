import assert from "node:assert/strict";
import plugin from "./lint_plugin.ts";

const lines = (n: number) => `function f() {\n${"  g();\n".repeat(n - 2)}}\n`;

Deno.test("max-function-lines: a function in src/ over 60 lines is reported, one of 60 is not", () => {
  const long = Deno.lint.runPlugin(plugin, "/repo/src/x.ts", lines(61));
  assert.deepEqual(long.map((d) => d.message), ["function spans 61 lines (at most 60)"]);
  assert.deepEqual(Deno.lint.runPlugin(plugin, "/repo/src/x.ts", lines(60)), []);
  const arrow = `const f = () => {\n${"  g();\n".repeat(60)}};\n`;
  assert.equal(Deno.lint.runPlugin(plugin, "/repo/main.ts", arrow).length, 1);
});

Deno.test("max-function-lines: scripts, tests and generated files are not held to it", () => {
  for (const file of ["/repo/scripts/x.ts", "/repo/tests/x_test.ts", "/repo/src/a.generated.ts"]) {
    assert.deepEqual(Deno.lint.runPlugin(plugin, file, lines(100)), [], file);
  }
});

Deno.test("no-module-state: let, global or sticky regexes and new objects at the top of src/ are reported", () => {
  const report = (source: string) =>
    Deno.lint.runPlugin(plugin, "/repo/src/x.ts", source)
      .filter((d) => d.id === "soracom/no-module-state").map((d) => d.message);
  assert.deepEqual(report("let count = 0;\n"), ["module-level state: top-level let"]);
  assert.equal(report("export const R = /a/g;\n").length, 1);
  assert.equal(report("const R = /a/y;\n").length, 1);
  assert.deepEqual(report("const cache = new Map<string, number>();\n"), [
    "module-level state: a module-level Map",
  ]);
  assert.deepEqual(report("class F {}\nconst f = new F();\n"), [
    "module-level state: a module-level F",
  ]);
  // Constants are not state.
  assert.deepEqual(report("const R = /a/;\nconst K = new Uint32Array([1]);\n"), []);
  assert.deepEqual(report("const S: ReadonlySet<string> = new Set(['a']);\n"), []);
  assert.deepEqual(report("function f() {\n  let x = 0;\n  return x;\n}\n"), []);
  assert.deepEqual(Deno.lint.runPlugin(plugin, "/repo/tests/x_test.ts", "let x = 0;\n"), []);
});

Deno.test("one-language-decision: detectLang and the locale variables only where a Context is made", () => {
  const report = (file: string, source: string) =>
    Deno.lint.runPlugin(plugin, file, source)
      .filter((d) => d.id === "soracom/one-language-decision").map((d) => d.message);
  const call = "const lang = detectLang((n) => ctx.env(n));\n";
  assert.deepEqual(report("/repo/src/cli/help_run.ts", call), [
    "the language is decided once, where the Context is made",
  ]);
  assert.deepEqual(report("/repo/src/output/print.ts", 'const lang = ctx.env("LC_ALL");\n'), [
    "LC_ALL is read once, where the Context is made",
  ]);
  assert.deepEqual(report("/repo/src/context.ts", `${call}env("LANG");\n`), []);
  assert.deepEqual(report("/repo/src/system/real.ts", call), []);
  assert.deepEqual(report("/repo/src/permissions.ts", 'const v = { LANG: "x", k: "LANG" };\n'), []);
  assert.deepEqual(report("/repo/tests/x_test.ts", call), []);
});

Deno.test("words-in-text: prose or Japanese written in src/cli is reported; names, flags and placeholders are not", () => {
  const report = (file: string, source: string) =>
    Deno.lint.runPlugin(plugin, file, source)
      .filter((d) => d.id === "soracom/words-in-text").length;
  const cli = "/repo/src/cli/commands/x.ts";
  assert.equal(report(cli, `const f = booleanFlag("replace an existing profile");\n`), 1);
  assert.equal(report(cli, "const t = `soracom updated from v${a} to v${b}`;\n"), 1);
  assert.equal(report(cli, `const t = "プロファイルを削除";\n`), 1);
  assert.equal(
    report(cli, `const f = { "auth-key": stringFlag("secret"), x: enumFlag("x", ["a", "b"]) };\n`),
    0,
  );
  assert.equal(
    report(cli, `import { a } from "../../messages.ts";\nconst k = "auth status";\n`),
    0,
  );
  // Messages and help text live elsewhere; tests may say anything.
  assert.equal(report("/repo/src/messages.ts", `const m = "replace an existing profile";\n`), 0);
  assert.equal(
    report("/repo/tests/cli/x_test.ts", `const m = "replace an existing profile";\n`),
    0,
  );
});

Deno.test("node-assert-only: a test imports node:assert/strict, no other assertions", () => {
  const report = (file: string, source: string) =>
    Deno.lint.runPlugin(plugin, file, source)
      .filter((d) => d.id === "soracom/node-assert-only").map((d) => d.message);
  assert.deepEqual(
    report("/repo/tests/x_test.ts", 'import assert from "node:assert/strict";\n'),
    [],
  );
  for (
    const specifier of [
      "node:assert",
      "../helpers/assert.ts",
      "jsr:@std/assert",
      "jsr:@std/assert@1/equals",
      "npm:chai",
      "jsr:@std/expect",
    ]
  ) {
    assert.deepEqual(
      report("/repo/tests/a/x_test.ts", `import { x } from "${specifier}";\n`),
      [`tests assert with node:assert/strict, not ${specifier}`],
      specifier,
    );
  }
  assert.equal(report("/repo/tests/helpers/h.ts", 'export * from "./assert.ts";\n').length, 1);
  assert.equal(
    report("/repo/tools/lint_plugin_test.ts", 'import a from "node:assert";\n').length,
    1,
  );
  // Names that only contain the word are not assertion modules; src/ is not held to it.
  assert.deepEqual(
    report("/repo/tests/x_test.ts", 'import { y } from "./assertions_data.ts";\n'),
    [],
  );
  assert.deepEqual(report("/repo/src/x.ts", 'import a from "node:assert";\n'), []);
});
