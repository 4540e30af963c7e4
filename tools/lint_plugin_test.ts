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
