/** `--query` (`src/output/query.ts`): JMESPath, what a mistaken expression is told, and which queries go element by element. */
import assert from "node:assert/strict";
import { CliError } from "../../src/errors.ts";
import { render } from "../../src/messages.ts";
import { compileQuery } from "../../src/output/query.ts";

/** The error `compileQuery` refuses `expression` with, in `lang`. */
async function refusal(expression: string, lang: "en" | "ja"): Promise<string> {
  try {
    await compileQuery(expression);
  } catch (e) {
    assert.ok(e instanceof CliError && e.kind === "usage" && e.said, String(e));
    return render(e.said, lang);
  }
  assert.fail(`${expression} compiled`);
}

Deno.test("keys without their values in {...} are told the query they likely meant, in both languages", async () => {
  const meant = "[].{imsi: imsi, speed: speed, name: name}";
  assert.equal(
    await refusal("{imsi,speed,name}", "en"),
    `invalid --query '{imsi,speed,name}': each key in {...} needs its value; for each element's fields: --query '${meant}'`,
  );
  assert.ok((await refusal("{imsi,speed,name}", "ja")).includes(`--query '${meant}'`));
  // Inside a projection it stays where it is, and keys with values are kept.
  assert.ok(
    (await refusal("[?status=='active'].{imsi, s: speedClass}", "en"))
      .endsWith("--query '[?status=='active'].{imsi: imsi, s: speedClass}'"),
  );
  // What the suggestion is must itself run.
  const q = await compileQuery(meant);
  assert.deepEqual(q.search([{ imsi: "1", speed: "s1", name: "a", x: 0 }]), [
    { imsi: "1", speed: "s1", name: "a" },
  ]);
});

Deno.test("any other syntax error names the expression and JMESPath's reason", async () => {
  for (const expression of ["{imsi,[}", "[?", "a.."]) {
    const text = await refusal(expression, "en");
    assert.ok(text.startsWith(`invalid --query '${expression}': `), text);
    assert.ok(!text.includes("needs its value"), text);
  }
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
