/**
 * Our own lint rules, run by `deno lint` (see `deno.json`):
 *
 * - `soracom/max-function-lines`: no function in `main.ts` or `src/` (generated
 *   files aside) spans over 60 lines. A longer one mixes jobs; split it so each
 *   part can be named and read alone. Scripts and tests are not held to it.
 * - `soracom/no-module-state`: no module-level state in `main.ts` or `src/`:
 *   no top-level `let`/`var`, no sticky or global regular expression (its
 *   `lastIndex` is state), no top-level `new` of anything but a read-only
 *   `Map`/`Set` (typed `ReadonlyMap`/`ReadonlySet`) or a typed array of
 *   constants. Per-run objects carry state; the one exception, the JSON
 *   formatter, says why where it is (`deno-lint-ignore`) and in
 *   `docs/architecture.md`.
 * - `soracom/one-language-decision`: the reader's language is decided once per
 *   run, where a Context is made (`detectLang` in `src/context.ts`, called there
 *   and in `src/system/real.ts`); everything else reads `ctx.lang`. Calling
 *   `detectLang` elsewhere, or naming a locale variable (`LANG`, `LC_ALL`,
 *   `LC_MESSAGES`, `LANGUAGE`) outside `context.ts` and the permission list, is
 *   reported.
 * - `soracom/words-in-text`: no text a user reads is written in `src/cli/`.
 *   Help (summaries, flag texts, pages) lives in `src/catalog/text/*.json`,
 *   messages (errors, prompts, hints) in `src/messages.ts`, both in English
 *   and Japanese; a command's spec carries names and types only. A string of
 *   three or more words, or with Japanese in it, is reported there.
 * - `soracom/node-assert-only`: a test asserts with `node:assert/strict` and
 *   nothing else; importing another assertion module (`node:assert`, an
 *   `assert.ts` of ours, `@std/assert`, `chai`, `expect`) in `tests/` or
 *   `tools/` is reported, so there is one set of assertions and one meaning of
 *   "equal" (strict).
 *
 * @module
 */

/** Whether `file` is a test (`tests/`, or a tool's test). */
function isTest(filename: string): boolean {
  const file = filename.replaceAll("\\", "/");
  return file.includes("/tests/") || file.endsWith("_test.ts");
}

/** Whether `specifier` is an assertion module other than `node:assert/strict`. */
function otherAssertions(specifier: string): boolean {
  if (specifier === "node:assert/strict") return false;
  return /(?:^|[/:@])(?:assert|expect|chai)(?:$|[/.@])/.test(specifier);
}

/** The most lines a function may span, from its first line to its closing brace. */
const MAX_LINES = 60;

/** Line number (1-based) of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Whether `file` is held to our rules: main.ts and src/, generated files and tests aside. */
function held(filename: string): boolean {
  const file = filename.replaceAll("\\", "/");
  return (file.includes("/src/") || file.endsWith("/main.ts")) &&
    !file.endsWith(".generated.ts") && !file.endsWith("_test.ts");
}

/** The declared type's name of a `const x: T = ...` (`ReadonlyMap` for `ReadonlyMap<...>`). */
function declaredType(id: Deno.lint.Node): string | undefined {
  // deno-lint-ignore no-explicit-any -- the AST's optional type annotation
  const annotation = (id as any).typeAnnotation?.typeAnnotation;
  return annotation?.type === "TSTypeReference" && annotation.typeName?.type === "Identifier"
    ? annotation.typeName.name
    : undefined;
}

/** Why a top-level declaration is state, or undefined when it is not. */
function stateIn(declaration: Deno.lint.VariableDeclaration): string | undefined {
  if (declaration.kind !== "const") return `top-level ${declaration.kind}`;
  for (const d of declaration.declarations) {
    const init = d.init;
    // A regular expression literal carries `regex: { pattern, flags }`.
    const literal = init?.type === "Literal" ? init as { regex?: { flags: string } } : undefined;
    const flags = literal?.regex?.flags;
    if (flags !== undefined && /[gy]/.test(flags)) {
      return "a global or sticky regular expression (its lastIndex changes)";
    }
    if (init?.type !== "NewExpression" || init.callee.type !== "Identifier") continue;
    const made = init.callee.name;
    const typed = declaredType(d.id);
    if (
      (made === "Map" && typed === "ReadonlyMap") || (made === "Set" && typed === "ReadonlySet")
    ) {
      continue;
    }
    if (/^(Uint8|Uint16|Uint32|Int32|Float64)Array$/.test(made)) continue; // constant tables
    if (made === "TextEncoder" || made === "TextDecoder") continue; // stateless
    return `a module-level ${made}`;
  }
  return undefined;
}

/** The files where a Context is made: the only callers of `detectLang`. */
const LANGUAGE_DECIDED_IN = ["/src/context.ts", "/src/system/real.ts"];

/** The environment variables the language comes from. */
const LOCALE_VARIABLES: ReadonlySet<string> = new Set([
  "LANG",
  "LC_ALL",
  "LC_MESSAGES",
  "LANGUAGE",
]);

/** Where the locale variables may be named: where they are read, and the permission list. */
const LOCALE_NAMED_IN = ["/src/context.ts", "/src/permissions.ts"];

function endsWithAny(filename: string, ends: readonly string[]): boolean {
  const file = filename.replaceAll("\\", "/");
  return ends.some((end) => file.endsWith(end));
}

/** Three words in a row: prose, not a name, a flag or a placeholder. */
const PROSE = /[A-Za-z][A-Za-z']+[ ,;:]+[A-Za-z][A-Za-z']+[ ,;:]+[A-Za-z][A-Za-z']+/;

/** Japanese script. */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Whether `file` is in `src/cli/`, where nothing a user reads is written. */
function inCli(filename: string): boolean {
  return held(filename) && filename.replaceAll("\\", "/").includes("/src/cli/");
}

const plugin: Deno.lint.Plugin = {
  name: "soracom",
  rules: {
    "max-function-lines": {
      create(context) {
        if (!held(context.filename)) return {};
        const check = (node: Deno.lint.Node & { range: Deno.lint.Range }) => {
          const text = context.sourceCode.text;
          const lines = lineAt(text, node.range[1]) - lineAt(text, node.range[0]) + 1;
          if (lines > MAX_LINES) {
            context.report({
              node,
              message: `function spans ${lines} lines (at most ${MAX_LINES})`,
              hint: "split it into named steps",
            });
          }
        };
        return {
          FunctionDeclaration: check,
          FunctionExpression: check,
          ArrowFunctionExpression: check,
        };
      },
    },
    "no-module-state": {
      create(context) {
        if (!held(context.filename)) return {};
        return {
          Program(program) {
            for (const statement of program.body) {
              const declaration = statement.type === "ExportNamedDeclaration"
                ? statement.declaration
                : statement;
              if (declaration?.type !== "VariableDeclaration") continue;
              const why = stateIn(declaration);
              if (why) {
                context.report({
                  node: declaration,
                  message: `module-level state: ${why}`,
                  hint: "keep it in a per-run object, or say why not (deno-lint-ignore)",
                });
              }
            }
          },
        };
      },
    },
    "words-in-text": {
      create(context) {
        if (!inCli(context.filename)) return {};
        const check = (node: Deno.lint.Node, text: string) => {
          if (!PROSE.test(text) && !JAPANESE.test(text)) return;
          context.report({
            node,
            message: `words a user reads, written in src/cli: ${JSON.stringify(text.slice(0, 40))}`,
            hint:
              "help goes in src/catalog/text/*.json, messages in src/messages.ts (both languages)",
          });
        };
        return {
          Literal(node) {
            if (typeof node.value === "string") check(node, node.value);
          },
          TemplateLiteral(node) {
            check(node, node.quasis.map((q) => q.cooked ?? q.raw).join("X"));
          },
        };
      },
    },
    "node-assert-only": {
      create(context) {
        if (!isTest(context.filename)) return {};
        const check = (node: Deno.lint.Node, source: unknown) => {
          if (typeof source !== "string" || !otherAssertions(source)) return;
          context.report({
            node,
            message: `tests assert with node:assert/strict, not ${source}`,
            hint: 'import assert from "node:assert/strict"',
          });
        };
        return {
          ImportDeclaration(node) {
            check(node, node.source.value);
          },
          ExportAllDeclaration(node) {
            check(node, node.source.value);
          },
          ExportNamedDeclaration(node) {
            check(node, node.source?.value);
          },
        };
      },
    },
    "one-language-decision": {
      create(context) {
        if (!held(context.filename)) return {};
        const decides = endsWithAny(context.filename, LANGUAGE_DECIDED_IN);
        const names = endsWithAny(context.filename, LOCALE_NAMED_IN);
        return {
          CallExpression(node) {
            if (decides || node.callee.type !== "Identifier" || node.callee.name !== "detectLang") {
              return;
            }
            context.report({
              node,
              message: "the language is decided once, where the Context is made",
              hint: "read ctx.lang",
            });
          },
          Literal(node) {
            if (names || typeof node.value !== "string" || !LOCALE_VARIABLES.has(node.value)) {
              return;
            }
            context.report({
              node,
              message: `${node.value} is read once, where the Context is made`,
              hint: "read ctx.lang",
            });
          },
        };
      },
    },
  },
};

export default plugin;
