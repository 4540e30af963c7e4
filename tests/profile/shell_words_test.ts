import assert from "node:assert/strict";
import { fc } from "../helpers/property.ts";
import { joinShellWords, splitShellWords } from "../../src/profile/shell_words.ts";
import { CliError } from "../../src/errors.ts";

Deno.test("splits the 1Password profileCommand users write", () => {
  const command = JSON.parse(
    `"/bin/sh -c \\"op item get soracom-power-sam-user --format json | jq '{username:.fields[1].value}'\\""`,
  );
  assert.deepEqual(splitShellWords(command), [
    "/bin/sh",
    "-c",
    "op item get soracom-power-sam-user --format json | jq '{username:.fields[1].value}'",
  ]);
});

Deno.test("quotes, escapes and separators follow shell-word rules", () => {
  assert.deepEqual(splitShellWords(`a 'b c' "d e" f\\ g`), ["a", "b c", "d e", "f g"]);
  assert.deepEqual(splitShellWords(`a "x\\"y" 'p\\q'`), ["a", 'x"y', "p\\q"]);
  assert.deepEqual(splitShellWords(`echo $HOME`), ["echo", "$HOME"]);
  assert.deepEqual(splitShellWords(`a "" b`), ["a", "", "b"]);
  assert.deepEqual(splitShellWords(`a\\tb`), ["a\tb"]);
  // An unquoted separator ends the command, as go-shellwords does.
  assert.deepEqual(splitShellWords(`op read x | jq .`), ["op", "read", "x"]);
  assert.deepEqual(splitShellWords(`a;b`), ["a"]);
});

Deno.test("an unclosed quote or an empty command is an error", () => {
  assert.throws(
    () => splitShellWords(`a 'b`),
    (e) => e instanceof CliError && e.message.includes("unclosed quote"),
  );
  assert.throws(
    () => splitShellWords(`   `),
    (e) => e instanceof CliError && e.message.includes("empty"),
  );
  assert.throws(
    () => splitShellWords(``),
    (e) => e instanceof CliError && e.message.includes("empty"),
  );
});

Deno.test("property: splitting then quoting round-trips, and only CliError is thrown", () => {
  fc.assert(
    fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (words) => {
      assert.deepEqual(splitShellWords(joinShellWords(words)), words);
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(fc.string(), (line) => {
      try {
        splitShellWords(line);
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
      }
    }),
    { numRuns: 1000 },
  );
});
