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
import { printValue } from "../../src/output/values.ts";

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
