/**
 * The one reader of argv (`src/cli/argv.ts`): command words among global
 * flags, and a command's flags read as soracom-cli (pflag) reads them, every
 * refusal a usage error in our words.
 */

import assert from "node:assert/strict";
import { readFlags, scanWords } from "../../src/cli/argv.ts";
import { apiCommand } from "../../src/cli/api_run.ts";
import type { FlagSpec, FlagSpecs, FlagValues } from "../../src/cli/flags.ts";
import { loadCatalog } from "../../src/catalog/catalog.ts";
import { CliError } from "../../src/errors.ts";
import { commandIndex } from "../helpers/catalog_index.ts";
import { fc } from "../helpers/property.ts";

Deno.test("global flags may come before the command words", () => {
  const prefixes = new Set(["soralets", "soralets list", "auth", "auth switch-user"]);
  const isPrefix = (w: readonly string[]) => prefixes.has(w.join(" "));
  assert.deepEqual(scanWords(["--profile", "sam", "soralets", "list"], isPrefix), {
    words: ["soralets", "list"],
    rest: ["--profile", "sam"],
    ended: false,
  });
  assert.deepEqual(scanWords(["soralets", "--raw-output", "list", "--limit", "3"], isPrefix), {
    words: ["soralets", "list"],
    rest: ["--raw-output", "--limit", "3"],
    ended: true,
  });
  // An unknown flag may take the next word: it stops the command words there.
  assert.deepEqual(scanWords(["auth", "--user-name", "switch-user"], isPrefix), {
    words: ["auth"],
    rest: ["--user-name", "switch-user"],
    ended: true,
  });
});

/** Every flag of two commands with integers, enums, an enum list, switches and `--body`. */
const COMMANDS = await (async () => {
  const index = commandIndex(await loadCatalog());
  return ["subscribers list", "sandbox init"].map((name) => apiCommand(index.get(name)!).flags);
})();

/** The message of the usage error `read` throws. */
function refusal(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    assert.ok(e instanceof CliError && e.kind === "usage", String(e));
    return e.message;
  }
  assert.fail("no error");
}

Deno.test("readFlags: every form soracom-cli takes, the last of a repeated flag winning", () => {
  const specs = COMMANDS[0];
  const read = (...tokens: string[]) => readFlags(tokens, specs);
  const { values, args } = read(
    "--limit",
    "3",
    "--tag-name=-x",
    "--tag-value",
    "--y",
    "--fetch-all",
    "--jsonl=false",
    "--limit=5",
    "--dry-run",
  );
  assert.deepEqual(
    [values.limit, values["tag-name"], values["tag-value"], values["fetch-all"], values.jsonl],
    [5, "-x", "--y", true, false],
  );
  assert.equal(values["dry-run"], "http");
  assert.deepEqual(args, []);
  assert.equal(read("--dry-run=curl").values["dry-run"], "curl");
  // An empty value is a value, as with pflag.
  assert.equal(read("--tag-name=").values["tag-name"], "");
  assert.deepEqual(read("x", "--limit", "1", "--", "--limit", "2").args, ["x", "--limit", "2"]);
  assert.equal(read("--fetch-all=T", "--fetch-all=0").values["fetch-all"], false);
});

Deno.test("readFlags: refusals are usage errors in our words", () => {
  const specs = COMMANDS[0];
  const read = (...tokens: string[]) => () => readFlags(tokens, specs);
  assert.equal(refusal(read("--limt", "3")), "unknown flag: --limt (did you mean --limit?)");
  assert.equal(refusal(read("-limit", "3")), "unknown flag: -limit (did you mean --limit?)");
  assert.equal(refusal(read("--constructor")), "unknown flag: --constructor");
  assert.equal(refusal(read("--profile")), "flag needs an argument: --profile");
  assert.equal(
    refusal(read("--fetch-all=maybe")),
    `invalid argument "maybe" for "--fetch-all": not true or false`,
  );
  assert.equal(
    refusal(read("--limit", "-h")),
    `invalid argument "-h" for "--limit": not an integer`,
  );
  assert.equal(
    refusal(read("--dry-run=")),
    `invalid value "" for "--dry-run": allowed values are http, curl`,
  );
});

/** A value `spec` takes, written as on a command line, and what the command receives. */
function valueOf(spec: FlagSpec): fc.Arbitrary<{ text: string; value: unknown }> {
  const pool = ["3", "-3", "0", "1.5", "x", "-x", "--x", "", "a=b", "jp", "g", "s1.fast", "SMS"];
  const placeholder = spec.kind === "parsed" ? spec.placeholder ?? "" : "";
  const texts = [...pool, ...placeholder.split("|")].filter((text) => {
    try {
      return spec.kind === "parsed" && (spec.parse(text), true);
    } catch {
      return false;
    }
  });
  if (spec.kind === "boolean") {
    return fc.constantFrom(["true", true], ["FALSE", false], ["1", true], ["f", false])
      .map(([text, value]) => ({ text: String(text), value }));
  }
  return fc.constantFrom(...texts).map((text) => ({ text, value: spec.parse(text) }));
}

/** One flag written in one of the forms its kind allows, and what it means. */
function use(specs: FlagSpecs): fc.Arbitrary<{ tokens: string[]; name: string; value: unknown }> {
  return fc.constantFrom(...Object.keys(specs)).chain((name) => {
    const spec = specs[name];
    return fc.tuple(valueOf(spec), fc.boolean()).map(([{ text, value }, joined]) => {
      if (spec.kind === "boolean") {
        return joined ? { tokens: [`--${name}=${text}`], name, value } : {
          tokens: [`--${name}`],
          name,
          value: true,
        };
      }
      if (spec.optionalValue !== undefined && !joined) {
        return { tokens: [`--${name}`], name, value: spec.parse(spec.optionalValue) };
      }
      return { tokens: joined ? [`--${name}=${text}`] : [`--${name}`, text], name, value };
    });
  });
}

Deno.test("readFlags: reads back what was written, in any order and form (property)", () => {
  for (const specs of COMMANDS) {
    const word = fc.constantFrom("x", "list", "3", "-");
    const line = fc.record({
      uses: fc.array(fc.oneof(use(specs), word.map((w) => ({ tokens: [w], arg: w }))), {
        maxLength: 8,
      }),
      after: fc.option(fc.array(fc.constantFrom("--limit", "x", "--", "-h"), { maxLength: 3 })),
    });
    fc.assert(
      fc.property(line, ({ uses, after }) => {
        const expected: FlagValues = Object.fromEntries(
          Object.keys(specs).map((n) => [n, undefined]),
        );
        const args: string[] = [];
        for (const u of uses) {
          if ("arg" in u) {
            args.push(u.arg);
            continue;
          }
          const spec = specs[u.name];
          const repeatable = spec.kind === "parsed" && spec.variadic === true;
          const before = (expected[u.name] as unknown[] | undefined) ?? [];
          expected[u.name] = repeatable ? [...before, u.value] : u.value;
        }
        const tokens = uses.flatMap((u) => u.tokens);
        if (after !== null) tokens.push("--", ...after);
        const reading = readFlags(tokens, specs);
        assert.deepEqual(reading.values, expected, tokens.join(" "));
        assert.deepEqual(reading.args, [...args, ...after ?? []], tokens.join(" "));
      }),
      { numRuns: 400 },
    );
  }
});

Deno.test("readFlags: any command line is read or refused with one usage line (property)", () => {
  for (const specs of COMMANDS) {
    const names = [...Object.keys(specs), "nope", "constructor", "help"];
    const token = fc.tuple(
      fc.constantFrom(...names),
      fc.constantFrom("--", "--", "-"),
      fc.constantFrom("3", "-3", "x", "", "jp", "SMS", "a=b", "-", "--limit", "1.5", "maybe"),
      fc.nat(3),
    ).map(([flag, dashes, v, form]) =>
      form === 0 ? [`${dashes}${flag}`] : form === 1 ? [`${dashes}${flag}=${v}`] : [
        `${dashes}${flag}`,
        v,
      ]
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6 }), (uses) => {
        try {
          readFlags(uses.flat(), specs);
        } catch (e) {
          assert.ok(e instanceof CliError && e.kind === "usage", `${uses.flat().join(" ")}: ${e}`);
          assert.ok(!e.message.includes("\n"), e.message);
        }
      }),
      { numRuns: 500 },
    );
  }
});
