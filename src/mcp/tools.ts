/**
 * The tools `soracom mcp` offers, as the client lists them (names, input
 * schemas, annotations, descriptions in the server's language), and the two
 * that only read our catalogue: `soracom_search` (the search `soracom search`
 * does, `cli/search.ts`) and `soracom_describe` (one operation's flags).
 *
 * @module
 */

/** A tool as `tools/list` gives it. */
export interface Tool {
  /** Its name. */
  readonly name: string;
  /** Its title, for people. */
  readonly title: string;
  /** What it does, for the model. */
  readonly description: string;
  /** Its arguments, as JSON Schema. */
  readonly inputSchema: {
    readonly type: "object";
    readonly properties: Readonly<Record<string, object>>;
    readonly required: readonly string[];
  };
  /** What it does to the world, as MCP's hints say. */
  readonly annotations: {
    readonly title: string;
    readonly readOnlyHint: boolean;
    readonly destructiveHint: boolean;
    readonly idempotentHint: boolean;
    readonly openWorldHint: boolean;
  };
}
import type { CatalogOperation } from "../catalog/types.ts";
import type { Lang } from "../messages.ts";
import { messages } from "../messages.ts";
import { operationFlags } from "../cli/api_run.ts";
import { specChoices } from "../cli/help.ts";
import { groupTextOf, rootText } from "../cli/help_run.ts";
import { findMatches } from "../cli/search.ts";
import type { Tree } from "../cli/tree.ts";
import { MAX_OUTPUT_CHARS } from "./call.ts";
import { type Policy, readsOnly, refusal } from "./policy.ts";
import { render } from "../messages.ts";

/** The tools' names. */
export const TOOL_NAMES = ["soracom_search", "soracom_describe", "soracom_call"] as const;

/** The tools as `tools/list` gives them. */
export function toolList(lang: Lang, policy: Policy): Tool[] {
  const m = messages(lang);
  const command = { type: "string", description: m.mcpCommandWords, maxLength: 200 };
  const catalogOnly = {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  };
  return [
    {
      name: "soracom_search",
      title: m.mcpSearchTitle,
      description: m.mcpSearchAbout,
      inputSchema: {
        type: "object",
        properties: { query: { type: "string", description: m.mcpSearchQuery, maxLength: 500 } },
        required: ["query"],
      },
      annotations: { title: m.mcpSearchTitle, ...catalogOnly },
    },
    {
      name: "soracom_describe",
      title: m.mcpDescribeTitle,
      description: m.mcpDescribeAbout,
      inputSchema: { type: "object", properties: { command }, required: ["command"] },
      annotations: { title: m.mcpDescribeTitle, ...catalogOnly },
    },
    {
      name: "soracom_call",
      title: m.mcpCallTitle,
      description: m.mcpCallAbout(!policy.allowWrite, MAX_OUTPUT_CHARS),
      inputSchema: {
        type: "object",
        properties: {
          command,
          flags: { type: "object", description: m.mcpCallFlags, additionalProperties: true },
        },
        required: ["command"],
      },
      annotations: {
        title: m.mcpCallTitle,
        // Read-only unless --allow-write; then a call may delete things, and repeating one may
        // change things twice. It reaches SORACOM's API, outside this machine.
        readOnlyHint: !policy.allowWrite,
        destructiveHint: policy.allowWrite,
        idempotentHint: !policy.allowWrite,
        openWorldHint: true,
      },
    },
  ];
}

/** `soracom_search`: the matches, as `soracom search` lists them, as JSON text. */
export async function searchTool(lang: Lang, tree: Tree, query: string): Promise<string> {
  const words = query.split(/\s+/).filter((w) => w !== "");
  const { entries, more } = await findMatches(lang, tree, words);
  const matches = entries.map((e) => ({ command: e.name, summary: e.summary }));
  return JSON.stringify({ matches, more }, null, 1);
}

/** A flag as `soracom_describe` tells it. */
interface FlagFacts {
  flag: string;
  type: string;
  required?: boolean;
  values?: readonly string[];
  /** What `true` stands for, for a flag whose value is optional. */
  trueMeans?: string;
  default?: string | number | boolean;
  repeatable?: boolean;
  about?: string;
}

/** Every flag of `op`: the operation's (from the catalogue), then ours (`query`, `fetch-all`...). */
async function flagFacts(op: CatalogOperation, lang: Lang): Promise<FlagFacts[]> {
  const text = (await groupTextOf(op)).operations[op.operationId]?.params ?? {};
  const common = (await rootText()).commonFlags[lang];
  const facts: FlagFacts[] = [];
  const seen = new Set<string>();
  for (const p of [...op.params, ...op.body?.props ?? []]) {
    if (seen.has(p.flag)) continue;
    seen.add(p.flag);
    facts.push({
      flag: p.flag,
      type: p.type === "array" ? "string" : p.type,
      required: p.required || undefined,
      values: p.enum,
      default: p.default,
      repeatable: p.type === "array" || undefined,
      about: text[p.flag]?.[lang],
    });
  }
  for (const [flag, spec] of Object.entries(operationFlags(op))) {
    if (seen.has(flag)) continue;
    const type = spec.kind === "boolean" ? "boolean" : "string";
    const { values, alone, default: byDefault } = specChoices(spec);
    facts.push({ flag, type, values, trueMeans: alone, default: byDefault, about: common[flag] });
  }
  return facts;
}

/** `soracom_describe`: what `op` is, its flags, and whether this server runs it, as JSON text. */
export async function describeTool(
  lang: Lang,
  op: CatalogOperation,
  policy: Policy,
): Promise<string> {
  const summary = (await groupTextOf(op)).operations[op.operationId]?.summary[lang];
  const why = refusal(op, policy);
  return JSON.stringify(
    {
      command: op.names[0],
      aliases: op.names.length > 1 ? op.names.slice(1) : undefined,
      summary,
      method: op.method,
      route: `/v1${op.path}`,
      changesThings: !readsOnly(op),
      deprecated: op.deprecated,
      runsHere: why === undefined,
      whyNot: why === undefined ? undefined : render(why, lang),
      flags: await flagFacts(op, lang),
    },
    null,
    1,
  );
}
