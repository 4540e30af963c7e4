import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { fc } from "../helpers/property.ts";
import { joinShellWords, splitShellWords } from "../../src/profile/shell_words.ts";
import { CliError } from "../../src/errors.ts";

Deno.test("splits the 1Password profileCommand users write", () => {
  const command = JSON.parse(
    `"/bin/sh -c \\"op item get soracom-power-sam-user --format json | jq '{username:.fields[1].value}'\\""`,
  );
  assertEquals(splitShellWords(command), [
    "/bin/sh",
    "-c",
    "op item get soracom-power-sam-user --format json | jq '{username:.fields[1].value}'",
  ]);
});

Deno.test("quotes, escapes and separators follow shell-word rules", () => {
  assertEquals(splitShellWords(`a 'b c' "d e" f\\ g`), ["a", "b c", "d e", "f g"]);
  assertEquals(splitShellWords(`a "x\\"y" 'p\\q'`), ["a", 'x"y', "p\\q"]);
  assertEquals(splitShellWords(`echo $HOME`), ["echo", "$HOME"]);
  assertEquals(splitShellWords(`a "" b`), ["a", "", "b"]);
  assertEquals(splitShellWords(`a\\tb`), ["a\tb"]);
  // An unquoted separator ends the command, as go-shellwords does.
  assertEquals(splitShellWords(`op read x | jq .`), ["op", "read", "x"]);
  assertEquals(splitShellWords(`a;b`), ["a"]);
});

Deno.test("an unclosed quote or an empty command is an error", () => {
  assertThrows(() => splitShellWords(`a 'b`), CliError, "unclosed quote");
  assertThrows(() => splitShellWords(`   `), CliError, "empty");
  assertThrows(() => splitShellWords(``), CliError, "empty");
});

Deno.test("property: splitting then quoting round-trips, and only CliError is thrown", () => {
  fc.assert(
    fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (words) => {
      assertEquals(splitShellWords(joinShellWords(words)), words);
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
