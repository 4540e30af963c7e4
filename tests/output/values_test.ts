/**
 * Answers printed as values (`src/output/values.ts`): after `--query`, and in
 * every `--output` format of ours.
 */
import assert from "node:assert/strict";
import { parse as parseYaml } from "yaml";
import { fakeContext } from "../../src/context.ts";
import { OUTPUT_FORMATS } from "../../src/output/formats.ts";
import type { OutputMode } from "../../src/output/mode.ts";
import { compileQuery } from "../../src/output/query.ts";
import { displayWidth } from "../../src/output/table.ts";
import { escapeControls } from "../../src/terminal_text.ts";
import { printValue } from "../../src/output/values.ts";
import { snapshot } from "../helpers/snapshot.ts";

/** What `soracom ... --output FORMAT [--query EXPR]` prints for the answer `text`. */
async function printed(text: string, mode: Partial<OutputMode> = {}): Promise<string> {
  const fake = fakeContext();
  await printValue(fake.ctx, text, { raw: false, jsonl: false, ...mode });
  return fake.stdout();
}

const BIG = '[{"id": 12345678901234567890, "next": 12345678901234567891, "n": 1.5}]';

Deno.test("integers past 2^53 are printed exact in every format, through --query too", async () => {
  for (const format of OUTPUT_FORMATS) {
    const out = await printed(BIG, { format });
    assert.match(out, /12345678901234567890\b/, format);
    assert.match(out, /12345678901234567891\b/, format);
    assert.doesNotMatch(out, /12345678901234567000|12345678901234568000/, format);
  }
  assert.equal(
    await printed(BIG, { format: "csv", query: await compileQuery("[].{id: id, n: n}") }),
    "id,n\r\n12345678901234567890,1.5\r\n",
  );
  assert.equal(
    await printed(BIG, { query: await compileQuery("[0].next") }),
    "12345678901234567891\n",
  );
  assert.equal(
    await printed(BIG, { format: "yaml" }),
    '- id: 12345678901234567890\n  "n": 1.5\n  next: 12345678901234567891\n',
  );
  // YAML reads them back as the same integers (as BigInt where they do not fit a number).
  const yaml = parseYaml(await printed(BIG, { format: "yaml" }), { intAsBigInt: true });
  assert.equal(yaml[0].id, 12345678901234567890n);
});

const SUBSCRIBERS = await Deno.readTextFile(
  new URL("./fixtures/subscribers.json", import.meta.url),
);

/** stdout, then stderr (where the hint goes, as on a terminal), of `--output table`. */
async function tableAt(
  width: number | undefined,
  lang: "en" | "ja",
  mode: Partial<OutputMode> = {},
): Promise<string> {
  const fake = fakeContext({ lang, stderrIsTerminal: true });
  await printValue(fake.ctx, SUBSCRIBERS, {
    raw: false,
    jsonl: false,
    format: "table",
    width,
    resource: "Subscriber",
    ...mode,
  });
  return `${fake.stdout()}--- stderr ---\n${fake.stderr()}`;
}

for (const width of [40, 80, 100]) {
  for (const lang of ["en", "ja"] as const) {
    Deno.test(`table snapshot: subscribers list at ${width} columns (${lang})`, async () => {
      await snapshot(`table/subscribers-${width}.${lang}`, await tableAt(width, lang));
    });
  }
}

Deno.test("table: an identifier is never cut, and no line is wider than the terminal", async () => {
  const ids = ["440103123456789", "440103123456790", "295050912345678"];
  for (let width = 16; width <= 160; width++) {
    const out = await tableAt(width, "en");
    const table = out.slice(0, out.indexOf("--- stderr ---"));
    for (const line of table.trimEnd().split("\n")) {
      assert.ok(displayWidth(line) <= width, `${width}: ${line}`);
    }
    for (const imsi of ids) assert.ok(table.includes(imsi), `${width}: ${imsi}`);
    assert.ok(!/\b3f2c9a60-[^ \n]*…/.test(table), `${width}: a group ID was cut`);
  }
});

Deno.test("table: the columns that matter for the resource, headers in words, a hint for the rest", async () => {
  const wide = await tableAt(undefined, "en");
  assert.equal(
    wide.split("\n")[0],
    "IMSI             NAME                                STATUS     SPEED CLASS  ONLINE  GROUP ID                              SUBSCRIPTION  MODULE TYPE  ICCID                MSISDN        IP ADDRESS   SIM ID",
  );
  assert.match(
    wide,
    /hint: not shown: apn, createdTime, expiryAction and 6 more; --output json shows everything, --query '\[\]\.\{imsi: imsi, apn: apn\}' picks the columns\n$/,
  );
  // Not on a terminal's stderr: no hint.
  const fake = fakeContext();
  await printValue(fake.ctx, SUBSCRIBERS, { raw: false, jsonl: false, format: "table" });
  assert.equal(fake.stderr(), "");
});

Deno.test("--query's {...} keeps its order in table, csv and text; json and yaml sort", async () => {
  const query = await compileQuery("[].{imsi: imsi, speed: speedClass, name: tags.name}");
  const table = await tableAt(200, "en", { query });
  assert.ok(
    table.startsWith(
      `IMSI${" ".repeat(13)}SPEED${" ".repeat(8)}NAME\n440103123456789  s1.standard`,
    ),
    table,
  );
  assert.match(await printed(SUBSCRIBERS, { format: "csv", query }), /^imsi,speed,name\r\n/);
  assert.match(
    await printed(SUBSCRIBERS, { format: "text", query }),
    /^440103123456789\ts1.standard\twarehouse gate sensor \(north side\)\n/,
  );
  assert.match(
    await printed(SUBSCRIBERS, { format: "json", query }),
    /"imsi".*\n.*"name".*\n.*"speed"/,
  );
});

Deno.test("table of a resource it does not know: identifiers first, nested values last", async () => {
  const text = '[{"zone": "a", "tags": {"x": 1}, "deviceId": "d-1", "count": 2}]';
  assert.equal(
    await printed(text, { format: "table" }),
    'DEVICE ID  COUNT  ZONE  TAGS\nd-1        2      a     {"x":1}\n',
  );
});

Deno.test("table: an empty list prints nothing, and says so on a terminal in the reader's language", async () => {
  for (
    const [lang, said] of [["en", "hint: no items to show\n"], [
      "ja",
      "ヒント: 表示する項目はありません\n",
    ]] as const
  ) {
    for (const text of ["[]", '{"a": []}']) {
      const query = text === "[]" ? undefined : await compileQuery("a");
      const fake = fakeContext({ lang, stderrIsTerminal: true });
      await printValue(fake.ctx, text, { raw: false, jsonl: false, format: "table", query });
      assert.equal(fake.stdout(), "", `${lang} ${text}`);
      assert.equal(fake.stderr(), said, `${lang} ${text}`);
    }
  }
  // Off a terminal: nothing at all, as before.
  const fake = fakeContext();
  await printValue(fake.ctx, "[]", { raw: false, jsonl: false, format: "table" });
  assert.equal(fake.stdout() + fake.stderr(), "");
});

Deno.test("table: a time column's epoch milliseconds read as a UTC time; other formats keep the number", async () => {
  const text = '[{"groupId": "g1", "createdTime": 1796701633994, "count": 1796701633994}]';
  const table = await printed(text, { format: "table" });
  assert.match(table, /CREATED TIME\n/);
  assert.match(table, / 2026-12-08T03:47:13Z\n/);
  // A number under a key that does not name a time stays a number.
  assert.match(table, /\b1796701633994\b/);
  for (const format of ["csv", "text", "json", "yaml"] as const) {
    assert.doesNotMatch(await printed(text, { format }), /2026-12-08/, format);
  }
});

Deno.test("table on a terminal: a cell with control characters is measured as the terminal shows it", async () => {
  const text =
    '[{"name": "a\\u001b]0;x\\u0007b", "status": "active"}, {"name": "plain", "status": "ready"}]';
  const fake = fakeContext();
  await printValue(fake.ctx, text, { raw: false, jsonl: false, format: "table", width: 80 });
  // What the terminal shows: stdout there escapes what is left (terminal_text.ts).
  const lines = escapeControls(fake.stdout()).trimEnd().split("\n");
  const at = lines.map((l) => displayWidth(l.slice(0, l.search(/active|ready|STATUS/))));
  assert.equal(new Set(at).size, 1, lines.join("\n"));
  // Not on a terminal (no width): the bytes stay as they came.
  const piped = fakeContext();
  await printValue(piped.ctx, text, { raw: false, jsonl: false, format: "table" });
  assert.ok(piped.stdout().includes("a\x1b]0;x\x07b"));
});
