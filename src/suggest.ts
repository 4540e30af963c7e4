/**
 * "Did you mean": the known names closest to a mistyped command word or flag,
 * for the usage errors of `cli/argv.ts` and `cli/app.ts` and a profile that does not exist.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { closest } from "./suggest.ts";
 *
 * assert.deepEqual(closest("limt", ["limit", "last-evaluated-key", "tag-name"]), ["limit"]);
 * assert.deepEqual(closest("subscr", ["subscribers", "sims"]), ["subscribers"]);
 * assert.deepEqual(closest("zzz", ["subscribers", "sims"]), []);
 * ```
 *
 * @module
 */

/** At most this many suggestions are given. */
const MAX_SUGGESTIONS = 3;

/**
 * Edits between `a` and `b`: insertions, deletions, substitutions and swaps of
 * two neighbours, one each (the optimal string alignment distance).
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the table: two back (for swaps), the last, and this one.
  let before = new Array<number>(b.length + 1).fill(0);
  let last = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(last[j] + 1, row[j - 1] + 1, last[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2] + 1);
      }
      row.push(d);
    }
    [before, last] = [last, row];
  }
  return last[b.length];
}

/**
 * The `known` names closest to `input`: those fewest edits away (one for a
 * word of up to three letters, two otherwise), a name that starts with
 * `input` counting as one edit away. Alphabetical; none when nothing is close.
 */
export function closest(input: string, known: Iterable<string>): string[] {
  const most = input.length <= 3 ? 1 : 2;
  const scored: [string, number][] = [];
  for (const name of new Set(known)) {
    if (name === input) continue;
    const distance = editDistance(input, name);
    const score = input.length >= 2 && name.startsWith(input) ? Math.min(distance, 1) : distance;
    if (score <= most) scored.push([name, score]);
  }
  const best = Math.min(...scored.map(([, score]) => score));
  return scored.filter(([, score]) => score === best).map(([name]) => name).sort()
    .slice(0, MAX_SUGGESTIONS);
}
