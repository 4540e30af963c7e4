/**
 * What stderr shows a person: an error's or a hint's line wrapped to the
 * terminal's width (Japanese by its line-breaking rules), one line when
 * stderr has no width, and no hint at all when stderr is not a terminal.
 *
 * @module
 */

import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { messages } from "../../src/messages.ts";
import { sayHint, stderrLine } from "../../src/output/stderr.ts";
import { displayWidth } from "../../src/output/table.ts";
import { kinsokuFault } from "../helpers/kinsoku.ts";

/** The three hints said after the output, with names as a wide table leaves out. */
function hints(lang: "en" | "ja"): string[] {
  const m = messages(lang);
  const names = ["speedClass", "online", "groupId", "iccid", "tags", "expiredAt"];
  return [
    m.tableLeftOut(names, "[].{imsi: imsi, speedClass: speedClass}"),
    m.moreItems("--last-evaluated-key", "440100000000002"),
    m.statusLeftOut([...m.statusColumns.slice(2)]),
  ];
}

Deno.test("a hint after the output wraps to a 40-column terminal, in both languages", () => {
  for (const lang of ["en", "ja"] as const) {
    for (const hint of hints(lang)) {
      const fake = fakeContext({ lang, stderrWidth: 40 });
      sayHint(fake.ctx, hint);
      const lines = fake.stderr().trimEnd().split("\n");
      assert.ok(lines.length > 1, fake.stderr());
      assert.ok(lines[0].startsWith(`${messages(lang).hint}: `), fake.stderr());
      for (const line of lines) {
        assert.ok(displayWidth(line) <= 40, `${lang}: ${line}`);
        assert.equal(kinsokuFault(line), undefined, `${lang}: ${line}`);
      }
      for (const line of lines.slice(1)) assert.match(line, /^ {2}\S/, fake.stderr());
    }
  }
});

Deno.test("a hint is one line where stderr has no width, and none where it is no terminal", () => {
  for (const lang of ["en", "ja"] as const) {
    for (const hint of hints(lang)) {
      const widthless = fakeContext({ lang, stderrIsTerminal: true });
      sayHint(widthless.ctx, hint);
      assert.equal(widthless.stderr(), `${messages(lang).hint}: ${hint}\n`);
      const off = fakeContext({ lang });
      sayHint(off.ctx, hint);
      assert.equal(off.stderr(), "");
    }
  }
});

Deno.test("a line for stderr hides a secret before it is wrapped, so no break parts one", () => {
  const { ctx } = fakeContext({ stderrWidth: 24 });
  const secret = "secret-0123456789abcdef";
  ctx.secrets.add(secret);
  const shown = stderrLine(ctx, `Error: the key ${secret} was refused`);
  assert.ok(!shown.includes("0123456789"), shown);
  assert.ok(!shown.replaceAll(/\n\s*/g, "").includes("0123456789"), shown);
});
