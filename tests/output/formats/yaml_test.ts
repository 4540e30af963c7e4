/** `--output yaml`: YAML that YAML 1.2 and 1.1 readers read back as the same value. */

import assert from "node:assert/strict";
import { load as loadYaml, YAML11_SCHEMA } from "js-yaml";
import { parse as parseYaml } from "yaml";
import { fc } from "../../helpers/property.ts";
import { written } from "../../helpers/formats.ts";
import { toYaml } from "../../../src/output/formats/yaml.ts";

/** Strings of the characters YAML is touchy about: breaks, spaces, controls, separators, wide ones. */
const touchy = fc.string({
  unit: fc.constantFrom(
    ..."ab #:-\n\n\r\t '\"\\\x00\x1b\x7f\x85\x9b\u00a0\u2028\u2029\ufeff日本ー🙂|>",
  ),
  maxLength: 12,
});

/** JSON values with the strings YAML is touchy about. */
const tricky = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  touchy,
  fc.constantFrom(
    "",
    "true",
    "No",
    "null",
    "~",
    "0x1F",
    "1e3",
    "-",
    "- a",
    "a: b",
    "a #b",
    "#x",
    " lead",
    "trail ",
    "'q'",
    '"dq"',
    "multi\nline",
    "tab\there",
    "日本語",
    "@at",
    "*star",
    "&amp",
    "!bang",
    "%pct",
    "{x}",
    "[y]",
    "?",
    ":",
    "0123",
    ".5",
    "yes",
    "Off",
    "y",
    "2024-01-02",
    "12:30",
    "1_000",
    "line\n",
    "line\n\n",
    "\nline",
    "a\n  b\n",
    "a\n \nb",
    "冷蔵庫の温度センサー",
    "ﾃｽﾄ",
    "Ωmega",
    "é",
  ),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    tricky,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(tricky, tie("value"), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

Deno.test("property: toYaml(v) reads back as v, as YAML 1.2 (yaml, js-yaml) and 1.1 read it", () => {
  fc.assert(
    fc.property(json, (value) => {
      const text = toYaml(value);
      assert.deepEqual(parseYaml(text), value, text);
      // js-yaml refuses what YAML does not allow unescaped (DEL, C1); its YAML 1.1 schema
      // reads yes/no as booleans and 1e3 as a string, as older readers do.
      assert.deepEqual(loadYaml(text), value, text);
      assert.deepEqual(loadYaml(text, { schema: YAML11_SCHEMA }), value, text);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("yaml: what reads best where it is exact: plain words of any script, literal blocks", () => {
  assert.equal(
    toYaml({
      name: "冷蔵庫の温度センサー",
      code: "a = 1\nb = 2\n",
      raw: "x\ny",
      big: 1e21,
      s: "yes",
    }),
    'big: 1.0e+21\ncode: |\n  a = 1\n  b = 2\nname: 冷蔵庫の温度センサー\nraw: |-\n  x\n  y\ns: "yes"\n',
  );
  assert.equal(toYaml(["a\u2028b", "\x7f"]), '- "a\\u2028b"\n- "\\u007f"\n');
});

Deno.test("yaml: a list is one document, written at its end", async () => {
  assert.equal(await written("yaml", [{ b: 1, a: "x" }, 2]), "- a: x\n  b: 1\n- 2\n");
});
