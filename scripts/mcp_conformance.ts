/**
 * Runs the MCP conformance suite (`@modelcontextprotocol/conformance`) on
 * `soracom mcp`'s server scenarios that apply to it. The suite speaks
 * Streamable HTTP and `soracom mcp` stdio, so a small loopback bridge sits
 * between them: each POSTed message is written to the server's stdin as a
 * line, and a request is answered with the server's response of the same id.
 *
 * ```sh
 * deno run --allow-all scripts/mcp_conformance.ts [SCENARIO...]
 * ```
 *
 * The scenarios left out need the suite's own test tools, prompts, logging or
 * subscriptions, which `soracom mcp` does not have (docs/mcp.md lists them).
 *
 * @module
 */

/** The suite's version, as the docs name it. */
const SUITE = "npm:@modelcontextprotocol/conformance@0.1.16";

/** The server scenarios that apply to `soracom mcp`. */
export const APPLICABLE = ["server-initialize", "ping", "tools-list", "resources-list"];

const MAIN = new URL("../main.ts", import.meta.url).pathname;

/** `soracom mcp` on stdio behind a loopback HTTP endpoint; its URL. */
function bridge(signal: AbortSignal): { url: Promise<string>; child: Deno.ChildProcess } {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "--quiet", MAIN, "mcp"],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
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

async function main(scenarios: readonly string[]): Promise<number> {
  const stop = new AbortController();
  const { url, child } = bridge(stop.signal);
  let failed = 0;
  try {
    for (const scenario of scenarios.length > 0 ? scenarios : APPLICABLE) {
      const { code } = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--allow-all", SUITE, "server", "--url", await url, "--scenario", scenario],
        stdout: "inherit",
        stderr: "inherit",
      }).output();
      if (code !== 0) failed++;
    }
  } finally {
    stop.abort();
    child.kill();
    await child.status;
  }
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
