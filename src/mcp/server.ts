/**
 * `soracom mcp`: a Model Context Protocol server on stdin and stdout, built on
 * the official SDK's `Server`, with our own stdio transport (`stdio.ts`). Its
 * tools (`tools.ts`, `call.ts`) search and describe the catalogue and run an
 * operation through the same path a command takes; its resources are the
 * profiles as `auth status` shows them. Questions for the user (a change's
 * yes, a login's one-time code) go through the client's elicitation, never
 * through the model. Loaded only by its command.
 *
 * @module
 */

import { Server } from "@modelcontextprotocol/sdk/server";
// The package declares no types for its .js paths: they are its paths without .js.
// @ts-types="@modelcontextprotocol/sdk/types"
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  type LoggingLevel,
  ReadResourceRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { messages, said } from "../messages.ts";
import { VERSION } from "../version.ts";
import { prepare, selectedProfileName } from "../auth/invocation.ts";
import { credentialSource } from "../auth/credentials.ts";
import { type GlobalFlagValues, globalOptions } from "../cli/flags.ts";
import { buildTree, type Tree } from "../cli/tree.ts";
import { callOperation, type CallSetting, errorText, operationOf, type ToolText } from "./call.ts";
import type { Policy } from "./policy.ts";
import { readResource, resourceList } from "./resources.ts";
import { ContextStdioTransport } from "./stdio.ts";
import { describeTool, searchTool, TOOL_NAMES, toolList } from "./tools.ts";

/** The flags of `soracom mcp`: the global ones, and what it lets an agent do. */
export interface McpFlags extends GlobalFlagValues {
  /** Operations that change things may run, each asked of the user first. */
  readonly "allow-write"?: boolean;
  /** Only operations matching one of these run. */
  readonly allow?: readonly string[];
  /** Operations matching one of these never run. */
  readonly deny?: readonly string[];
}

/**
 * An invalid-params error, its message as we said it: the SDK sends a thrown
 * error's code and message, and its `McpError` puts "MCP error -32602: " in the
 * message, which the SDK's client then adds again.
 */
class InvalidParams extends Error {
  /** The JSON-RPC error code. */
  readonly code = ErrorCode.InvalidParams;
}

/** The longest search taken. */
const MAX_QUERY_CHARS = 500;

/** The text argument `field` of a tool call, or an invalid-params error. */
function textArgument(
  lang: Context["lang"],
  tool: string,
  args: Record<string, unknown>,
  field: string,
  max: number,
): string {
  const value = args[field];
  const m = messages(lang);
  if (typeof value !== "string") {
    throw new InvalidParams(m.mcpNeedsText(tool, field));
  }
  if (value.length > max) throw new InvalidParams(m.mcpTooLong(field, max));
  return value;
}

/** A tool's answer as MCP's result. */
function result(answer: ToolText): CallToolResult {
  return { content: [{ type: "text", text: answer.text }], isError: answer.isError };
}

/** Runs the tool `name` with `args`. */
async function runTool(
  setting: CallSetting,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolText> {
  const { ctx, tree } = setting;
  const m = messages(ctx.lang);
  switch (name) {
    case "soracom_search": {
      const query = textArgument(ctx.lang, name, args, "query", MAX_QUERY_CHARS);
      return await searchTool(ctx.lang, tree, query).then(
        (text) => ({ text }),
        (e) => errorText(ctx, e),
      );
    }
    case "soracom_describe": {
      const command = textArgument(ctx.lang, name, args, "command", MAX_QUERY_CHARS);
      return await operationOf(tree, command)
        .then((op) => describeTool(ctx.lang, op, setting.policy))
        .then((text) => ({ text }), (e) => errorText(ctx, e));
    }
    case "soracom_call": {
      const command = textArgument(ctx.lang, name, args, "command", MAX_QUERY_CHARS);
      const flags = args.flags ?? {};
      if (flags === null || typeof flags !== "object" || Array.isArray(flags)) {
        throw new InvalidParams(m.mcpFlagsObject);
      }
      return await callOperation(setting, command, flags as Record<string, unknown>);
    }
    default:
      throw new InvalidParams(m.mcpUnknownTool(name, TOOL_NAMES));
  }
}

/** The questions the server may put to the user through `server`, if its client can ask. */
function askers(
  server: Server,
  lang: Context["lang"],
  profile: string,
  ended: Promise<void>,
): Pick<CallSetting, "ask" | "consent"> {
  const m = messages(lang);
  const canAsk = () => server.getClientCapabilities()?.elicitation?.form !== undefined;
  // Once stdin has ended no answer can come: a question then is one nobody can answer.
  let over = false;
  const gone = ended.then(() => {
    over = true;
    throw new CliError("auth", said("mcpOtpCannotAsk", profile));
  });
  gone.catch(() => {});
  const elicit = (params: Parameters<Server["elicitInput"]>[0]) =>
    over ? gone : Promise.race([server.elicitInput(params), gone]);
  return {
    ask: async (question) => {
      if (!canAsk()) throw new CliError("auth", said("mcpOtpCannotAsk", profile));
      const answer = await elicit({
        mode: "form",
        message: question,
        requestedSchema: {
          type: "object",
          properties: { code: { type: "string", title: m.mcpOtpField } },
          required: ["code"],
        },
      });
      const code = answer.action === "accept" ? answer.content?.code : undefined;
      // Declined: an empty answer, which aborts the login as an empty line at a prompt does.
      return typeof code === "string" ? code : "";
    },
    consent: async (name, request) => {
      if (!canAsk()) return "accept"; // the client's own approval of the tool call is the consent
      const answer = await elicit({
        mode: "form",
        message: `${m.mcpConsentAsk(name)}\n\n${request}`,
        requestedSchema: { type: "object", properties: {} },
      });
      return answer.action;
    },
  };
}

/** Registers the tools and resources on `server`. */
function handle(server: Server, setting: CallSetting): void {
  const { ctx, policy } = setting;
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: toolList(ctx.lang, policy) }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const { name, arguments: args } = request.params;
    return result(await runTool(setting, name, args ?? {}));
  });
  server.setRequestHandler(ListResourcesRequestSchema, () => ({
    resources: resourceList(ctx.lang),
  }));
  // None: clients that list templates beside resources get an empty list, not "method not found".
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({ resourceTemplates: [] }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const text = await readResource(ctx, setting.global, request.params.uri);
    if (text === undefined) {
      throw new InvalidParams(messages(ctx.lang).mcpUnknownResource(request.params.uri));
    }
    return { contents: [{ uri: request.params.uri, mimeType: "application/json", text }] };
  });
}

/**
 * Serves MCP on `ctx`'s stdin and stdout until stdin ends. Says on stderr
 * which profile it runs as and whether changes are allowed.
 */
export async function serveMcp(ctx: Context, flags: McpFlags): Promise<void> {
  const policy: Policy = {
    allowWrite: flags["allow-write"] === true,
    allow: flags.allow ?? [],
    deny: flags.deny ?? [],
  };
  const { "allow-write": _w, allow: _a, deny: _d, ...global } = flags;
  const options = globalOptions(global);
  const profile = selectedProfileName(ctx, options);
  // A profile that is missing or broken is said now, once, not as every call's error later.
  credentialSource(await prepare(ctx, options));
  const tree: Tree = await buildTree(true);
  const server = new Server(
    { name: "soracom", version: VERSION },
    { capabilities: { tools: {}, resources: {}, logging: {} } },
  );
  const transport = new ContextStdioTransport(ctx);
  const ended = transport.finished();
  const setting = {
    ctx,
    tree,
    policy,
    global,
    profile,
    ...askers(server, ctx.lang, profile, ended),
    log: (level: LoggingLevel, line: string) => {
      // On stderr (the client app's log of the server), and to the client at the level it set.
      ctx.stderr.write(`soracom mcp: ${line}\n`);
      server.sendLoggingMessage({ level, logger: "soracom", data: ctx.secrets.hide(line) }).catch(
        () => {},
      );
    },
  };
  handle(server, setting);
  // What the SDK cannot answer (a response to no request): a line on stderr, secrets hidden.
  server.onerror = (error) => ctx.stderr.write(`soracom mcp: ${error.message}\n`);
  await server.connect(transport);
  ctx.stderr.write(`${messages(ctx.lang).mcpStarted(profile, policy.allowWrite)}\n`);
  await ended;
  // Stdin ended (the client is done): what it asked before is still answered, then we stop.
  await transport.answered();
  await server.close();
}
