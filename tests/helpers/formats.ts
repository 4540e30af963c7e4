/**
 * What an `--output` format writes, captured from the fake's stdout, for the
 * formats' tests.
 *
 * @module
 */

import { fakeContext } from "../../src/context.ts";
import { loadFormat, type OutputFormat } from "../../src/output/formats.ts";
import type { WriteOptions } from "../../src/output/writer.ts";

/** What `format` writes for a list of `values`. */
export async function written(
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
export async function writtenValue(format: OutputFormat, value: unknown): Promise<string> {
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
