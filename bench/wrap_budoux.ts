/**
 * Japanese line breaking, measured: the character rule `soracom` used before,
 * the phrase rule it uses (`src/output/wrap.ts`), and BudouX's model as the
 * phrase splitter, over every Japanese text of `src/catalog/text/ja.json` at
 * four widths. BudouX's phrases are the reference for where a phrase ends.
 * See `docs/japanese-text.md`. Not part of the build or the tests:
 *
 * ```sh
 * deno run -A bench/wrap_budoux.ts
 * ```
 *
 * @module
 */

import { type Phrases, wrap } from "../src/output/wrap.ts";
import { displayWidth } from "../src/output/table.ts";

const started = performance.now();
// deno-lint-ignore no-import-prefix -- the yardstick of a measurement, not a dependency of soracom
const { loadDefaultJapaneseParser } = await import("npm:budoux@0.9.2");
const importMs = performance.now() - started;
const parser = loadDefaultJapaneseParser();
const budoux: Phrases = (t) => parser.parse(t);

/** The character rule: a line may break between any two wide characters. */
const characters: Phrases = (t) => [...t];

function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v !== null && typeof v === "object") return Object.values(v).flatMap(strings);
  return [];
}

const ja = JSON.parse(
  await Deno.readTextFile(new URL("../src/catalog/text/ja.json", import.meta.url)),
);
const texts = [
  ...new Set(
    strings(ja).filter((t) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(t)).map((t) =>
      t.replace(/\n/g, "")
    ),
  ),
];

/** Where BudouX ends a phrase, as character offsets. */
function phraseEnds(text: string): Set<number> {
  const ends = new Set<number>();
  let at = 0;
  for (const p of parser.parse(text)) ends.add(at += [...p].length);
  return ends;
}

const NO_START = /^[、。，．：；！？）」』】ーぁぃぅぇぉっゃゅょァィゥェォッャュョ:;,.)]/u;
const wide = (c: string | undefined) => c !== undefined && displayWidth(c) === 2;
for (
  const [name, phrases] of [["character rule", characters], ["phrase rule", undefined], [
    "BudouX",
    budoux,
  ]] as const
) {
  let lines = 0, inside = 0, breaks = 0, lone = 0, badStart = 0, ms = 0;
  for (const width of [24, 38, 56, 76]) {
    for (const text of texts) {
      const t0 = performance.now();
      const out = wrap(text, width, phrases);
      ms += performance.now() - t0;
      lines += out.length;
      const ends = phraseEnds(text);
      const chars = [...text];
      let at = 0;
      for (let i = 0; i < out.length; i++) {
        if (NO_START.test(out[i].trim())) badStart++;
        if ([...out[i].trim()].length === 1) lone++;
        while (chars[at] === " ") at++;
        at += [...out[i]].length;
        if (i === out.length - 1) continue;
        breaks++;
        const between = chars[at] !== " " && chars[at - 1] !== " ";
        if (between && !ends.has(at) && (wide(chars[at]) || wide(chars[at - 1]))) inside++;
      }
    }
  }
  const share = ((100 * inside) / breaks).toFixed(1);
  console.log(
    `${
      name.padEnd(15)
    } lines ${lines}, breaks ${breaks}, inside a BudouX phrase ${inside} (${share}%), lone ${lone}, bad starts ${badStart}, ${
      ms.toFixed(0)
    } ms`,
  );
}
console.log(`${texts.length} texts; importing BudouX took ${importMs.toFixed(0)} ms`);
