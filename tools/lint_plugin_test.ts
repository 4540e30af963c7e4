import assert from "node:assert/strict";
import { assertEquals } from "../tests/helpers/assert.ts";
import plugin from "./lint_plugin.ts";

const lines = (n: number) => `function f() {\n${"  g();\n".repeat(n - 2)}}\n`;

Deno.test("max-function-lines: a function in src/ over 60 lines is reported, one of 60 is not", () => {
  const long = Deno.lint.runPlugin(plugin, "/repo/src/x.ts", lines(61));
  assertEquals(long.map((d) => d.message), ["function spans 61 lines (at most 60)"]);
  assertEquals(Deno.lint.runPlugin(plugin, "/repo/src/x.ts", lines(60)), []);
  const arrow = `const f = () => {\n${"  g();\n".repeat(60)}};\n`;
  assertEquals(Deno.lint.runPlugin(plugin, "/repo/main.ts", arrow).length, 1);
});

Deno.test("max-function-lines: scripts, tests and generated files are not held to it", () => {
  for (const file of ["/repo/scripts/x.ts", "/repo/tests/x_test.ts", "/repo/src/a.generated.ts"]) {
    assertEquals(Deno.lint.runPlugin(plugin, file, lines(100)), [], file);
  }
});

Deno.test("no-module-state: let, global or sticky regexes and new objects at the top of src/ are reported", () => {
  const report = (source: string) =>
    Deno.lint.runPlugin(plugin, "/repo/src/x.ts", source)
      .filter((d) => d.id === "soracom/no-module-state").map((d) => d.message);
  assertEquals(report("let count = 0;\n"), ["module-level state: top-level let"]);
  assertEquals(report("export const R = /a/g;\n").length, 1);
  assertEquals(report("const R = /a/y;\n").length, 1);
  assertEquals(report("const cache = new Map<string, number>();\n"), [
    "module-level state: a module-level Map",
  ]);
  assertEquals(report("class F {}\nconst f = new F();\n"), [
    "module-level state: a module-level F",
  ]);
  // Constants are not state.
  assertEquals(report("const R = /a/;\nconst K = new Uint32Array([1]);\n"), []);
  assertEquals(report("const S: ReadonlySet<string> = new Set(['a']);\n"), []);
  assertEquals(report("function f() {\n  let x = 0;\n  return x;\n}\n"), []);
  assertEquals(Deno.lint.runPlugin(plugin, "/repo/tests/x_test.ts", "let x = 0;\n"), []);
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
