/**
 * How an error is shown: one `Error:` line off a terminal (scripts grep it, as
 * they grep soracom-cli's), wrapped to the terminal's width on one, in both
 * languages, by the Japanese line-breaking rules; a command quoted in it is
 * never split.
 *
 * @module
 */

import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { CliError } from "../../src/errors.ts";
import { said } from "../../src/messages.ts";
import { errorLine } from "../../src/cli/report.ts";
import { displayWidth } from "../../src/output/table.ts";
import { runInPty } from "../helpers/pty.ts";
import { tempDir } from "../helpers/run.ts";
import { testWhere } from "../helpers/platform.ts";

const error = new CliError(
  "config",
  said(
    "profileMissing",
    "nope",
    "/home/ann/.soracom/nope.json",
    [],
    "soracom configure --profile nope",
  ),
  { hint: "a hint that is long enough to need a second line at forty columns" },
);

Deno.test("an error is one line off a terminal, and wrapped to the terminal on one", () => {
  for (const lang of ["en", "ja"] as const) {
    const off = errorLine(error, fakeContext({ lang }).ctx);
    assert.equal(off.split("\n").length, 2, off); // the error and its hint
    const on = errorLine(error, fakeContext({ lang, stderrWidth: 40 }).ctx);
    const lines = on.split("\n");
    assert.ok(lines.length > 3, on);
    assert.ok(lines[0].startsWith("Error: "), on);
    for (const line of lines) assert.ok(displayWidth(line) <= 40, `${lang}: ${line}`);
    // The command to type is never split across lines.
    assert.ok(lines.some((l) => l.includes("'soracom configure --profile nope'")), on);
  }
});

testWhere(
  ["script"],
  "on a real terminal of 40 columns, an error wraps, in both languages",
  async () => {
    const home = await tempDir();
    try {
      for (
        const [lang, first] of [["C", "Error: profile 'nope' does not exist"], [
          "ja_JP.UTF-8",
          "Error: プロファイル 'nope' はありません",
        ]]
      ) {
        const env = { HOME: home, LANG: lang };
        const r = await runInPty(["--profile", "nope", "soralets", "list"], env, [], {
          columns: 40,
        });
        assert.equal(r.code, 3, r.screen);
        const lines = r.screen.replaceAll("\r", "").trimEnd().split("\n");
        assert.ok(lines[0].startsWith(first), r.screen);
        assert.ok(lines.length > 2, r.screen);
        // Only a word that cannot be split (the temporary folder's path) may run over.
        const over = lines.filter((l) => displayWidth(l) > 40);
        assert.ok(over.every((l) => !/\S\s+\S/.test(l.trim())), over.join("\n"));
      }
    } finally {
      await Deno.remove(home, { recursive: true });
    }
  },
);
