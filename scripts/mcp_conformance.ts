/**
 * Runs the MCP conformance suite (`@modelcontextprotocol/conformance`) on
 * `soracom mcp`. The suite speaks Streamable HTTP and `soracom mcp` stdio, so
 * a small loopback bridge sits between them: each POSTed message is written
 * to the server's stdin as a line, and a request is answered with the
 * server's response of the same id.
 *
 * ```sh
 * deno run --allow-all scripts/mcp_conformance.ts          # the scenarios that apply
 * deno run --allow-all scripts/mcp_conformance.ts --all    # the whole active suite
 * deno run --allow-all scripts/mcp_conformance.ts ping     # some of them
 * ```
 *
 * {@link SCENARIOS} says, for every scenario of the active suite, whether it
 * applies to `soracom mcp` and why not when it does not (docs/mcp.md's table).
 *
 * @module
 */

/** The suite's version, as the docs name it. */
export const SUITE = "npm:@modelcontextprotocol/conformance@0.1.16";

/** Why a scenario does not apply: its own test tools, prompts or resources, or HTTP. */
const FIXTURE_TOOL = "calls the suite's own test tool";
const FIXTURE_RESOURCE = "reads the suite's own test resource";
const NO_PROMPTS = "prompts: we offer none and declare no `prompts` capability (-32601 is right)";

/**
 * Every server scenario of the suite's active set: `true` when it applies to
 * `soracom mcp` (and must pass), else why it does not.
 */
export const SCENARIOS: Readonly<Record<string, true | string>> = {
  "server-initialize": true,
  "logging-set-level": true,
  "ping": true,
  "completion-complete": "completes an argument of the suite's prompt " +
    "`test_prompt_with_arguments`; we have no prompts or templates to complete",
  "tools-list": true,
  "tools-call-simple-text": `${FIXTURE_TOOL} \`test_simple_text\``,
  "tools-call-image": `${FIXTURE_TOOL} \`test_image_content\``,
  "tools-call-audio": `${FIXTURE_TOOL} \`test_audio_content\``,
  "tools-call-embedded-resource": `${FIXTURE_TOOL} \`test_embedded_resource\``,
  "tools-call-mixed-content": `${FIXTURE_TOOL} \`test_multiple_content_types\``,
  "tools-call-with-logging": `${FIXTURE_TOOL} \`test_tool_with_logging\``,
  "tools-call-error": `${FIXTURE_TOOL} \`test_error_handling\``,
  "tools-call-with-progress": `${FIXTURE_TOOL} \`test_tool_with_progress\``,
  "tools-call-sampling": `${FIXTURE_TOOL} \`test_sampling\``,
  "tools-call-elicitation": `${FIXTURE_TOOL} \`test_elicitation\``,
  "elicitation-sep1034-defaults": `${FIXTURE_TOOL} \`test_elicitation_sep1034_defaults\``,
  "server-sse-multiple-streams": "HTTP only: SSE streams of one session",
  "elicitation-sep1330-enums": `${FIXTURE_TOOL} \`test_elicitation_sep1330_enums\``,
  "resources-list": true,
  "resources-read-text": `${FIXTURE_RESOURCE} \`test://static-text\``,
  "resources-read-binary": `${FIXTURE_RESOURCE} \`test://static-binary\``,
  "resources-templates-read": `${FIXTURE_RESOURCE} \`test://template/123/data\``,
  "resources-subscribe": "subscribes to the suite's `test://watched-resource`; we declare " +
    "no `subscribe` (-32601 is right)",
  "resources-unsubscribe": "as resources-subscribe",
  "prompts-list": NO_PROMPTS,
  "prompts-get-simple": NO_PROMPTS,
  "prompts-get-with-args": NO_PROMPTS,
  "prompts-get-embedded-resource": NO_PROMPTS,
  "prompts-get-with-image": NO_PROMPTS,
  "dns-rebinding-protection": "HTTP only: Host and Origin checks of a local web server",
};

/** The scenarios that apply to `soracom mcp`. */
export const APPLICABLE: readonly string[] = Object.entries(SCENARIOS)
  .filter(([, applies]) => applies === true).map(([name]) => name);

const MAIN = new URL("../main.ts", import.meta.url).pathname;

/** `soracom mcp` on stdio behind a loopback HTTP endpoint; its URL. `quiet`: its stderr dropped. */
function bridge(
  signal: AbortSignal,
  env: Record<string, string> | undefined,
  quiet: boolean,
): { url: Promise<string>; child: Deno.ChildProcess } {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "--quiet", MAIN, "mcp"],
    stdin: "piped",
    stdout: "piped",
    stderr: quiet ? "null" : "inherit",
    ...(env ? { env, clearEnv: true } : {}),
  }).spawn();
  const writer = child.stdin.getWriter();
  const waiting = new Map<string, (line: string) => void>();
  (async () => {
    let buffer = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const id = JSON.stringify(JSON.parse(line).id);
        waiting.get(id)?.(line);
        waiting.delete(id);
      }
    }
  })();
  const url = new Promise<string>((resolve) => {
    Deno.serve({
      hostname: "127.0.0.1",
      port: 0,
      signal,
      onListen: ({ port }) => resolve(`http://127.0.0.1:${port}/mcp`),
    }, async (request) => {
      if (request.method !== "POST") return new Response(null, { status: 405 });
      const text = await request.text();
      const message = JSON.parse(text);
      const answer = message.id !== undefined && message.method !== undefined
        ? new Promise<string>((done) => waiting.set(JSON.stringify(message.id), done))
        : undefined;
      await writer.write(new TextEncoder().encode(`${JSON.stringify(message)}\n`));
      if (!answer) return new Response(null, { status: 202 });
      return new Response(await answer, { headers: { "content-type": "application/json" } });
    });
  });
  return { url, child };
}

/** One scenario's outcome: whether it passed, and what the suite printed. */
export interface ScenarioResult {
  /** The scenario. */
  readonly scenario: string;
  /** The suite's exit code was 0. */
  readonly passed: boolean;
  /** What the suite printed (stdout and stderr), when it was captured. */
  readonly output: string;
}

/**
 * Runs `scenarios` against one `soracom mcp` (started with `env` alone when
 * given). `quiet`: the suite's output is captured rather than printed.
 */
export async function runScenarios(
  scenarios: readonly string[],
  options: { env?: Record<string, string>; quiet?: boolean } = {},
): Promise<ScenarioResult[]> {
  const stop = new AbortController();
  const { url, child } = bridge(stop.signal, options.env, options.quiet === true);
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of scenarios) {
      const out = options.quiet ? "piped" : "inherit";
      const run = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--allow-all", SUITE, "server", "--url", await url, "--scenario", scenario],
        stdout: out,
        stderr: out,
      }).output();
      const output = options.quiet
        ? new TextDecoder().decode(run.stdout) + new TextDecoder().decode(run.stderr)
        : "";
      results.push({ scenario, passed: run.code === 0, output });
    }
  } finally {
    stop.abort();
    child.kill();
    await child.status;
  }
  return results;
}

/** Whether the suite loads here (it comes from npm, through Deno's cache). */
export async function suiteLoads(): Promise<boolean> {
  try {
    const { code } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", SUITE, "list", "--server"],
      stdout: "null",
      stderr: "null",
    }).output();
    return code === 0;
  } catch {
    return false;
  }
}

async function main(args: readonly string[]): Promise<number> {
  const all = args.includes("--all");
  const named = args.filter((a) => a !== "--all");
  const scenarios = all ? Object.keys(SCENARIOS) : named.length > 0 ? named : APPLICABLE;
  const results = await runScenarios(scenarios);
  console.log("\nscenario\tresult\twhy");
  for (const { scenario, passed } of results) {
    const applies = SCENARIOS[scenario] ?? "not in the active suite of this version";
    console.log(`${scenario}\t${passed ? "pass" : "fail"}\t${applies === true ? "" : applies}`);
  }
  // A scenario that does not apply may fail; one that applies may not.
  const wrong = results.filter((r) => !r.passed && typeof SCENARIOS[r.scenario] !== "string");
  return wrong.length === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
