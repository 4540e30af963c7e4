/**
 * Help pages, in the user's language: the root (tagline, commands by
 * category, global flags), a group (its commands with their summaries), and
 * a command (summary, usage with required flags unbracketed, route and API
 * reference, its own flags with type and required/default/values, the global
 * flags apart, examples). Text comes from `src/catalog/help/` (our own words);
 * a command's page reads its own group's file only. Lines wrap to the
 * terminal's width, or 80 columns when output is not a terminal; no escapes.
 *
 * @module
 */

import { referenceUrl } from "../catalog/catalog.ts";
import type { CatalogOperation, ParamType } from "../catalog/types.ts";
import type { Lang, Messages } from "../messages.ts";
import type { FlagSpec, FlagSpecs } from "./flags.ts";
import { GLOBAL_FLAGS } from "./flags.ts";
import { displayWidth } from "../output/table.ts";
import { isWide, wrap } from "../output/wrap.ts";

/** A text in each language. */
export type Both = Readonly<Record<Lang, string>>;

/** One example: what it does, and the command line. */
export interface Example {
  /** The text in both languages. */
  readonly text: Both;
  /** The command line it shows. */
  readonly command: string;
}

/** `src/catalog/help/_root.json`. */
export interface RootText {
  /** The root page's first line, in both languages. */
  readonly tagline: Both;
  /** Category titles by language. */
  readonly categories: Readonly<Record<Lang, Readonly<Record<string, string>>>>;
  /** Each group's and sub-group's summary (`stats`, `stats air`), and its category. */
  readonly groups: Readonly<
    Record<Lang, Readonly<Record<string, { readonly category: string; readonly summary: string }>>>
  >;
  /** Hand-written commands' summaries by language. */
  readonly handWritten: Readonly<Record<Lang, Readonly<Record<string, string>>>>;
  /** The global flags' descriptions by language. */
  readonly globalFlags: Readonly<Record<Lang, Readonly<Record<string, string>>>>;
  /** Flags many commands share (`--body`, `--fetch-all`, ...), by language. */
  readonly commonFlags: Readonly<Record<Lang, Readonly<Record<string, string>>>>;
  /** Hand-written commands' own flags, by language. */
  readonly handWrittenFlags: Readonly<
    Record<Lang, Readonly<Record<string, Readonly<Record<string, string>>>>>
  >;
  /** What a hand-written command's page says beyond its summary, by language. */
  readonly details: Readonly<Record<Lang, Readonly<Record<string, string>>>>;
  /** Examples by command name. */
  readonly examples: Readonly<Record<string, readonly Example[]>>;
}

/** `src/catalog/help/GROUP.json`: per operation, its summary and parameter texts. */
export interface GroupText {
  /** Each operation's summary and flag descriptions. */
  readonly operations: Readonly<
    Record<string, { readonly summary: Both; readonly params: Readonly<Record<string, Both>> }>
  >;
  /** Examples by command name. */
  readonly examples: Readonly<Record<string, readonly Example[]>>;
}

/** How a page is laid out. */
export interface Layout {
  /** The reader's language. */
  readonly lang: Lang;
  /** The messages in that language. */
  readonly m: Messages;
  /** Columns to wrap at. */
  readonly width: number;
}

/** A command or group listed on a page. */
export interface Entry {
  /** The command or group's name. */
  readonly name: string;
  /** Its one-line summary. */
  readonly summary: string;
}

// ---- text layout -------------------------------------------------------------------------

/** The last character of `text` (a whole code point). */
function lastChar(text: string): string {
  return [...text].pop() ?? "";
}

/** Below this many columns for the text beside the names, each text goes under its name. */
const MIN_TEXT_COLUMN = 30;

/**
 * Two columns: names on the left (padded to the widest, at most a third of
 * the width), text wrapped on the right; a name too wide puts its text on the
 * next line. On a narrow terminal, where the text beside the names would be
 * narrower than {@link MIN_TEXT_COLUMN}, every text goes under its name.
 */
function columns(
  rows: readonly (readonly [string, string])[],
  width: number,
  indent = 2,
  widest = Math.max(0, ...rows.map(([n]) => displayWidth(n))),
): string[] {
  const pad = " ".repeat(indent);
  let left = Math.min(widest, Math.floor(width / 3));
  if (width - indent - left - 2 < MIN_TEXT_COLUMN) left = 2;
  const textWidth = width - indent - left - 2;
  const blank = " ".repeat(indent + left + 2);
  const out: string[] = [];
  for (const [name, text] of rows) {
    const lines = text === "" ? [] : wrap(text, textWidth);
    const nameWidth = displayWidth(name);
    if (nameWidth > left || lines.length === 0) {
      out.push(`${pad}${name}`);
      for (const l of lines) out.push(`${blank}${l}`);
      continue;
    }
    out.push(`${pad}${name}${" ".repeat(left - nameWidth + 2)}${lines[0]}`);
    for (const l of lines.slice(1)) out.push(`${blank}${l}`);
  }
  return out;
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : ["", `${title}:`, ...lines];
}

// ---- flags -------------------------------------------------------------------------------

/** A flag as a page shows it. */
export interface FlagDoc {
  /** The flag's name, without dashes. */
  readonly name: string;
  /** `string`, `int`, `number`, `strings` (repeatable), or none for a switch. */
  readonly type?: string;
  /** What it does. */
  readonly text: string;
  /** The API requires it. */
  readonly required?: boolean;
  /** Its default. */
  readonly default?: string | number | boolean;
  /** Its allowed values. */
  readonly values?: readonly string[];
}

/** An API parameter's type as a page shows it (its flag's placeholder may list enum values). */
function typeWord(type: ParamType): string | undefined {
  switch (type) {
    case "integer":
      return "int";
    case "number":
      return "number";
    case "array":
      return "strings";
    case "boolean":
      return undefined;
    case "string":
      return "string";
  }
}

/** What a flag's spec says of its values. */
export interface FlagChoices {
  /** The values it takes, when it lists them (an enum flag: `--output`'s from the format registry). */
  readonly values?: readonly string[];
  /** The value it means given alone, for a flag whose value is optional (`--dry-run`: `http`). */
  readonly alone?: string;
  /** The value it takes when it is not given. */
  readonly default?: string;
}

/**
 * The values a flag's spec lists, the one it means alone and its default: what
 * a help page shows, and what `soracom mcp`'s `soracom_describe` tells.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { optionalValueFlag } from "./flags.ts";
 * import { specChoices } from "./help.ts";
 * assert.deepEqual(specChoices(optionalValueFlag("dry-run", ["http", "curl"])), {
 *   values: ["http", "curl"],
 *   alone: "http",
 *   default: undefined,
 * });
 * ```
 */
export function specChoices(spec: FlagSpec | undefined): FlagChoices {
  if (spec?.kind !== "parsed") return {};
  const p = spec.placeholder ?? "";
  return {
    values: p.includes("|") ? p.split("|") : undefined,
    alone: spec.optionalValue,
    default: spec.default,
  };
}

function specType(spec: FlagSpec): string | undefined {
  if (spec.kind === "boolean") return undefined;
  if (spec.variadic) return "strings";
  const p = spec.placeholder ?? "string";
  return p.includes("|") ? "string" : p;
}

/** How a flag's notes are punctuated: `(required; one of: a, b)`, `（必須、値: a、b）`. */
const NOTE_MARKS: Readonly<
  Record<Lang, { open: string; close: string; notes: string; list: string }>
> = {
  en: { open: " (", close: ")", notes: "; ", list: ", " },
  ja: { open: "（", close: "）", notes: "、", list: "、" },
};

function flagRows(flags: readonly FlagDoc[], layout: Layout): [string, string][] {
  const { m } = layout;
  const marks = NOTE_MARKS[layout.lang];
  return flags.map((f) => {
    const notes: string[] = [];
    if (f.required) notes.push(m.helpRequired);
    if (f.default !== undefined) notes.push(m.helpDefault(String(f.default)));
    if (f.values && f.values.length > 0) notes.push(m.helpValues(f.values.join(marks.list)));
    const text = notes.length > 0
      ? `${f.text}${marks.open}${notes.join(marks.notes)}${marks.close}`
      : f.text;
    return [flagUsage(f, m), text];
  });
}

/** The global flags' docs, in GLOBAL_FLAGS order, plus --help and --version. */
export function globalDocs(root: RootText, lang: Lang, shadowed: ReadonlySet<string>): FlagDoc[] {
  const docs: FlagDoc[] = [];
  for (const [name, spec] of Object.entries(GLOBAL_FLAGS)) {
    if (shadowed.has(name)) continue;
    docs.push({
      name,
      type: name === "coverage-type" ? "jp|g" : specType(spec),
      text: root.globalFlags[lang][name] ?? "",
    });
  }
  docs.push({ name: "help", text: root.globalFlags[lang]["help"] ?? "" });
  docs.push({ name: "version", text: root.globalFlags[lang]["version"] ?? "" });
  return docs;
}

/**
 * The docs of an API command's own flags: its parameters in catalogue order
 * (path, query, header, then body properties), then `--body`, `--fetch-all`,
 * `--jsonl` where it has them, and `--query`, `--output`, `--dry-run`.
 */
export function operationFlagDocs(
  op: CatalogOperation,
  specs: FlagSpecs,
  texts: GroupText,
  root: RootText,
  lang: Lang,
): FlagDoc[] {
  const own = texts.operations[op.operationId]?.params ?? {};
  const docs: FlagDoc[] = [];
  for (const p of [...op.params, ...(op.body?.props ?? [])]) {
    docs.push({
      name: p.flag,
      type: typeWord(p.type),
      text: own[p.flag]?.[lang] ?? "",
      // The operator ID comes from the session's token when it is not given.
      required: p.required && p.name !== "operator_id" && p.name !== "operatorId",
      default: p.default,
      values: p.enum,
    });
  }
  for (const name of ["body", "fetch-all", "jsonl", "query", "output", "dry-run"]) {
    if (Object.hasOwn(specs, name) && !docs.some((d) => d.name === name)) {
      docs.push(specDoc(name, specs[name], root.commonFlags[lang][name] ?? ""));
    }
  }
  return docs;
}

/** How a page names a flag's value where its spec's placeholder says less (`--output format`). */
const VALUE_WORDS: Readonly<Record<string, string>> = {
  body: "json",
  query: "expression",
  output: "format",
};

/**
 * One flag's doc from its spec. A flag whose value is optional takes one only as
 * `--flag=value`, so its page shows `--dry-run[=curl]` and no value word.
 */
function specDoc(flag: string, spec: FlagSpec, text: string): FlagDoc {
  const { values, alone, default: byDefault } = specChoices(spec);
  if (alone === undefined) {
    return {
      name: flag,
      type: VALUE_WORDS[flag] ?? specType(spec),
      text,
      default: byDefault,
      values,
    };
  }
  // Its values are in its name: `--dry-run[=curl]`.
  const others = (values ?? []).filter((v) => v !== alone);
  return { name: `${flag}[=${others.join("|")}]`, text, default: byDefault };
}

/** The docs of a hand-written command's own flags (those that are not the global ones). */
export function handWrittenFlagDocs(
  name: string,
  specs: FlagSpecs,
  root: RootText,
  lang: Lang,
): FlagDoc[] {
  const texts = root.handWrittenFlags[lang][name] ?? {};
  return Object.entries(specs)
    .filter(([flag, spec]) => GLOBAL_FLAGS[flag] !== spec)
    .map(([flag, spec]) => specDoc(flag, spec, texts[flag] ?? ""));
}

// ---- pages -------------------------------------------------------------------------------

/** `--name VALUE` as a page shows a flag, its value named in the reader's language. */
function flagUsage(f: FlagDoc, m: Messages): string {
  return `--${f.name}${f.type ? ` ${m.valueNames[f.type] ?? f.type}` : ""}`;
}

function usageLine(name: string, flags: readonly FlagDoc[], m: Messages): string {
  const required = flags.filter((f) => f.required).map((f) => flagUsage(f, m));
  const w = m.helpWords;
  // `exec` runs a command of the user's, given after `--`; `api` takes a method and a path;
  // `search` and `help` take words.
  const head = name === "api"
    ? [w.method, w.path]
    : name === "search" || name === "help"
    ? [w.words]
    : [];
  const tail = name === "exec" ? ["--", w.command, w.args] : [];
  return ["soracom", name, ...head, ...required, w.flags, ...tail].join(" ");
}

/**
 * Text whose lines run on as paragraphs, wrapped; a line that starts with two
 * spaces (a command to type) stays a line of its own.
 */
function paragraphs(text: string, width: number): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 0) out.push(...wrap(run.join(" "), width));
    run = [];
  };
  for (const line of text.split("\n")) {
    if (line.startsWith("  ")) {
      flush();
      out.push(line);
    } else if (run.length > 0 && isWide(lastChar(run[run.length - 1]))) {
      // Japanese runs on without a space.
      run[run.length - 1] += line.trim();
    } else run.push(line.trim());
  }
  flush();
  return out;
}

function exampleLines(examples: readonly Example[], lang: Lang): string[] {
  return examples.flatMap((e, i) => [
    ...(i > 0 ? [""] : []),
    `  # ${e.text[lang]}`,
    `  ${e.command}`,
  ]);
}

/** The root page: tagline, commands by category, global flags, where to go next. */
export function rootPage(root: RootText, topLevel: readonly string[], layout: Layout): string {
  const { lang, m, width } = layout;
  const lines = [...wrap(root.tagline[lang], width)];
  const w = m.helpWords;
  lines.push("", `${m.helpUsage}:`, `  soracom ${w.command} [${w.subcommand}] ${w.flags}`);
  const groups = root.groups[lang];
  const categories = Object.keys(root.categories[lang]);
  // One alignment for every category; within one, the order the text lists them (most used first).
  const widest = Math.max(...topLevel.map(displayWidth));
  for (const category of categories) {
    const names = Object.keys(groups).filter((n) =>
      groups[n].category === category && topLevel.includes(n)
    );
    const rows = names.map((n) => [n, groups[n].summary] as [string, string]);
    lines.push(...section(root.categories[lang][category], columns(rows, width, 2, widest)));
  }
  const others = topLevel.filter((n) => groups[n] === undefined);
  if (others.length > 0) {
    lines.push(...section(m.helpOtherCommands, columns(others.map((n) => [n, ""]), width)));
  }
  lines.push(
    ...section(
      m.helpGlobalFlags,
      columns(flagRows(globalDocs(root, lang, new Set()), layout), width),
    ),
  );
  lines.push("", ...wrap(m.helpMore, width));
  return `${lines.join("\n")}\n`;
}

/** A group's page: its summary, usage, and each command or subgroup with its summary. */
export function groupPage(
  name: string,
  summary: string,
  entries: readonly Entry[],
  layout: Layout,
): string {
  const { m, width } = layout;
  const lines = [...wrap(summary, width)];
  lines.push(
    "",
    `${m.helpUsage}:`,
    `  soracom ${name} ${m.helpWords.command} ${m.helpWords.flags}`,
  );
  lines.push(...section(m.helpCommands, columns(entries.map((e) => [e.name, e.summary]), width)));
  lines.push("", ...wrap(m.helpGroupMore(name), width));
  return `${lines.join("\n")}\n`;
}

/**
 * The commands a search found, best first, with their summaries; `more` says
 * how many were left out.
 */
export function searchPage(
  title: string,
  entries: readonly Entry[],
  more: number,
  layout: Layout,
): string {
  const { m, width } = layout;
  const lines = [...wrap(title, width), ""];
  lines.push(...columns(entries.map((e) => [e.name, e.summary]), width));
  if (more > 0) lines.push("", ...wrap(m.searchMore(more), width));
  lines.push("", ...wrap(m.searchNext, width));
  return `${lines.join("\n")}\n`;
}

/** What a command's page shows besides its flags. */
export interface CommandFacts {
  /** The command's full name. */
  readonly name: string;
  /** Its one-line summary. */
  readonly summary: string;
  /** The API operation, for API commands (and `auth`, `logout`). */
  readonly op?: CatalogOperation;
  /** A longer explanation (hand-written commands). */
  readonly details?: string;
  /** Examples to show. */
  readonly examples: readonly Example[];
  /** Commands below it, for a command that is a group too (`auth`, `completion`). */
  readonly subcommands?: readonly Entry[];
}

/** A command's page. */
export function commandPage(
  facts: CommandFacts,
  own: readonly FlagDoc[],
  root: RootText,
  layout: Layout,
): string {
  const { lang, m, width } = layout;
  const { name, op } = facts;
  const lines = [...wrap(facts.summary, width)];
  const usage = usageLine(name, own, m);
  lines.push("", `${m.helpUsage}:`, ...wrap(usage, width - 2).map((l) => `  ${l}`));
  if (op) {
    const facts2: [string, string][] = [[m.helpRoute, `${op.method} /v1${op.path}`]];
    facts2.push([m.helpReference, referenceUrl(op, lang)]);
    const aliases = op.names.filter((n) => n !== name);
    if (aliases.length > 0) {
      facts2.push([
        m.helpAlso,
        aliases.map((a) => `soracom ${a}`).join(", "),
      ]);
    }
    // Never wrapped: a route or a link is copied whole.
    const labelWidth = Math.max(...facts2.map(([l]) => displayWidth(l)));
    lines.push(
      "",
      ...facts2.map(([l, v]) => `${l}${" ".repeat(labelWidth - displayWidth(l) + 2)}${v}`),
    );
    if (op.deprecated) {
      lines.push("", ...wrap(m.helpDeprecated(op.alternative), width));
    }
  }
  if (facts.details) lines.push("", ...paragraphs(facts.details, width));
  const below = facts.subcommands ?? [];
  lines.push(...section(m.helpSubcommands, columns(below.map((e) => [e.name, e.summary]), width)));
  lines.push(...section(m.helpFlags, columns(flagRows(own, layout), width)));
  const shadowed = new Set(own.map((f) => f.name));
  lines.push(
    ...section(
      m.helpGlobalFlags,
      columns(flagRows(globalDocs(root, lang, shadowed), layout), width),
    ),
  );
  lines.push(...section(m.helpExamples, exampleLines(facts.examples, lang)));
  return `${lines.join("\n")}\n`;
}
