/**
 * The --output formats and --query on their own: YAML that the yaml package
 * reads back as the same value (any JSON value), RFC 4180 quoting, aws-cli's
 * text, and which queries stream.
 */

import assert from "node:assert/strict";
import { load as loadYaml, YAML11_SCHEMA } from "js-yaml";
import { parse as parseYaml } from "yaml";
import { fc } from "../helpers/property.ts";
import { fakeContext } from "../../src/context.ts";
import { loadFormat, type OutputFormat } from "../../src/output/formats.ts";
import { compileQuery } from "../../src/output/query.ts";
import type { WriteOptions } from "../../src/output/writer.ts";
import { toYaml } from "../../src/output/formats/yaml.ts";

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

/** What `format` writes for a list of `values`. */
async function written(
  format: OutputFormat,
  values: unknown[],
  options: WriteOptions = {},
): Promise<string> {
  const fake = fakeContext();
  const writer = (await loadFormat(format)).list(fake.ctx.stdout, options);
  for (const v of values) writer.element(v);
  writer.end();
  return fake.stdout();
}

/** What `format` writes for one value that is not a list. */
async function writtenValue(format: OutputFormat, value: unknown): Promise<string> {
  const fake = fakeContext();
  const writer = await loadFormat(format);
  if (writer.value) writer.value(fake.ctx.stdout, value, {});
  else {
    const list = writer.list(fake.ctx.stdout, {});
    list.element(value);
    list.end();
  }
  return fake.stdout();
}

Deno.test("csv: a header from the first element's keys, RFC 4180 quoting, CRLF lines", async () => {
  assert.equal(
    await written("csv", [{ b: 'say "hi"', a: "x,y" }, { a: "line\nbreak", c: "dropped" }, {
      b: null,
    }]),
    'a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n,\r\n',
  );
  assert.equal(await written("csv", ["one", 2, true]), "one\r\n2\r\ntrue\r\n");
  assert.equal(await written("csv", []), "");
});

Deno.test("text: tab-separated, None for null, nested values as compact JSON (as aws-cli)", async () => {
  assert.equal(
    await written("text", [{ b: 1, a: null, c: { y: 1, x: [2] } }, ["p", "q"]]),
    'None\t1\t{"x":[2],"y":1}\np\tq\n',
  );
});

Deno.test("json and jsonl lists: sorted keys, the same text as soracom-cli's", async () => {
  assert.equal(
    await written("json", [{ b: 1, a: 2 }]),
    '[\n\t{\n\t\t"a": 2,\n\t\t"b": 1\n\t}\n]\n',
  );
  assert.equal(await written("json", []), "[]\n");
  assert.equal(await written("jsonl", [{ b: 1, a: 2 }, 3]), '{"a":2,"b":1}\n3\n');
  assert.equal(await writtenValue("csv", { k: "v" }), "k\r\nv\r\n");
  assert.equal(await writtenValue("json", { k: "v" }), '{\n\t"k": "v"\n}\n');
  assert.equal(await writtenValue("yaml", "true"), '"true"\n');
});

Deno.test("--query: list projections and filters stream; anything over the whole list does not", async () => {
  for (const expression of ["[].imsi", "[*].imsi", "[?status=='active']", "[?a>`1`].{x: x}"]) {
    assert.equal((await compileQuery(expression)).elementwise, true, expression);
  }
  for (
    const expression of ["length(@)", "[0]", "[].imsi | [0]", "sort_by(@, &imsi)", "imsi", "[:2]"]
  ) {
    assert.equal((await compileQuery(expression)).elementwise, false, expression);
  }
  // Element by element gives what the whole list gives.
  const list = [{ imsi: "1", status: "active" }, { imsi: "2" }, { imsi: "3", status: "active" }];
  for (const expression of ["[].imsi", "[?status=='active'].imsi", "[*].{i: imsi}"]) {
    const query = await compileQuery(expression);
    assert.deepEqual(list.flatMap((e) => query.searchElement(e)), query.search(list), expression);
  }
});
