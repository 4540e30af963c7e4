/**
 * Our own lint rules, run by `deno lint` (see `deno.json`):
 *
 * - `soracom/max-function-lines`: no function in `main.ts` or `src/` (generated
 *   files aside) spans over 60 lines. A longer one mixes jobs; split it so each
 *   part can be named and read alone. Scripts and tests are not held to it.
 *
 * @module
 */

/** The most lines a function may span, from its first line to its closing brace. */
const MAX_LINES = 60;

/** Line number (1-based) of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const plugin: Deno.lint.Plugin = {
  name: "soracom",
  rules: {
    "max-function-lines": {
      create(context) {
        const file = context.filename.replaceAll("\\", "/");
        const held = (file.includes("/src/") || file.endsWith("/main.ts")) &&
          !file.endsWith(".generated.ts") && !file.endsWith("_test.ts");
        if (!held) return {};
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
  },
};

export default plugin;
