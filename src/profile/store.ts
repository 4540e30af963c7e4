/**
 * Profile files: where they live, how names are sanitised, reading (JSON or
 * JSONC, permission and size checks) and atomic writing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { loadProfile, profileDir, sanitizeProfileName } from "./store.ts";
 *
 * const { ctx } = fakeContext({
 *   env: { HOME: "/home/ann" },
 *   files: { "/home/ann/.soracom/sam.json": '{"authKeyId":"keyId-x","authKey":"secret-x"}' },
 * });
 * const { profile } = await loadProfile(ctx, profileDir(ctx), sanitizeProfileName("sam"));
 * assert.equal(profile.authKeyId, "keyId-x");
 * ```
 *
 * @module
 */

import type { ParseError } from "jsonc-parser";
import { nestsDeeperThan, parseJsonData } from "../json/mod.ts";
import { atomicLeftovers, type Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { type Profile, PROFILE_KEYS, toProfile } from "./schema.ts";
import { said } from "../messages.ts";
import { closest } from "../suggest.ts";

/** Profile files larger than this are refused: no real profile comes close. */
const MAX_PROFILE_BYTES = 1024 * 1024;

/** `$SORACOM_PROFILE_DIR`, or `~/.soracom`. */
export function profileDir(ctx: Context): string {
  const fromEnv = ctx.env("SORACOM_PROFILE_DIR");
  if (fromEnv) return fromEnv;
  const home = ctx.homeDir();
  if (!home) {
    throw new CliError("config", said("noHomeProfiles"));
  }
  return `${home}/.soracom`;
}

const ACCENTS: Readonly<Record<string, string>> = {
  "À": "A",
  "Á": "A",
  "Â": "A",
  "Ã": "A",
  "Ä": "A",
  "Å": "AA",
  "Æ": "AE",
  "Ç": "C",
  "È": "E",
  "É": "E",
  "Ê": "E",
  "Ë": "E",
  "Ì": "I",
  "Í": "I",
  "Î": "I",
  "Ï": "I",
  "Ð": "D",
  "Ñ": "N",
  "Ò": "O",
  "Ó": "O",
  "Ô": "O",
  "Õ": "O",
  "Ö": "O",
  "Ø": "OE",
  "Ù": "U",
  "Ú": "U",
  "Û": "U",
  "Ü": "U",
  "Ý": "Y",
  "Þ": "TH",
  "ß": "ss",
  "à": "a",
  "á": "a",
  "â": "a",
  "ã": "a",
  "ä": "a",
  "å": "aa",
  "æ": "ae",
  "ç": "c",
  "è": "e",
  "é": "e",
  "ê": "e",
  "ë": "e",
  "ì": "i",
  "í": "i",
  "î": "i",
  "ï": "i",
  "ð": "d",
  "ñ": "n",
  "ò": "o",
  "ó": "o",
  "ô": "o",
  "õ": "o",
  "ö": "o",
  "ø": "oe",
  "ù": "u",
  "ú": "u",
  "û": "u",
  "ü": "u",
  "ý": "y",
  "þ": "th",
  "ÿ": "y",
};

/**
 * Makes a profile name safe as a file name, the way soracom-cli does
 * (kennygrant/sanitize BaseName): `.` and `/` become `-`, accents are flattened,
 * joining characters become `-`, anything else outside `[A-Za-z0-9.-]` is removed
 * and runs of `-` collapse. The result can never name a path outside the folder.
 *
 * @example `sanitizeProfileName("my_profile") === "my-profile"`, `sanitizeProfileName("../x") === "-x"`
 * @throws CliError when nothing usable is left
 */
export function sanitizeProfileName(name: string): string {
  let s = name.replace(/[./]/g, "-");
  s = s.replace(/^ +| +$/g, "");
  s = [...s].map((c) => ACCENTS[c] ?? c).join("");
  s = s.replace(/[ &_=+:]/g, "-");
  s = s.replace(/[^A-Za-z0-9.-]/g, "");
  s = s.replace(/-+/g, "-");
  if (s === "" || s === "-") {
    throw new CliError("usage", said("invalidProfileName", name));
  }
  return s;
}

/**
 * A `sourceProfile` value is used as written when it is a plain file name (as
 * soracom-cli does); anything that could leave the folder is sanitised.
 */
export function sourceProfileName(name: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) ? name : sanitizeProfileName(name);
}

/** The file of profile `name` (already sanitised) in `dir`. */
export function profilePath(dir: string, name: string): string {
  return `${dir}/${name}.json`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** The deepest nesting a profile may have (it needs two: the object and its `headers`). */
const MAX_PROFILE_DEPTH = 32;

/**
 * Parses JSON or JSONC text (comments, trailing commas) into a profile.
 *
 * @param where the file path (or another name for the source), used in errors
 * @throws CliError (`config`) with line and column for syntax errors, or the field for type errors
 */
export async function parseProfileText(text: string, where: string): Promise<Profile> {
  if (text.trim() === "") throw new CliError("config", said("profileEmpty", where));
  const tooDeep = () => new CliError("config", said("profileTooDeep", where, MAX_PROFILE_DEPTH));
  let value: unknown;
  try {
    // Read with a stack of its own (JSON.parse, or our reader): safe at any depth.
    value = parseJsonData(text);
  } catch {
    // Plain JSON is the common case; jsonc-parser (CommonJS, slow to load) only for the rest.
    value = await parseJsonc(text, where, tooDeep);
  }
  if (nestsDeeperThan(value, MAX_PROFILE_DEPTH)) throw tooDeep();
  return await toProfile(value, where);
}

/** jsonc-parser's error codes in the words our own JSON reader uses (`json/`). */
const JSONC_PROBLEMS: Readonly<Record<string, string>> = {
  InvalidSymbol: "invalid character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a property name",
  ValueExpected: "expected a value",
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "," or "}"',
  CloseBracketExpected: 'expected "," or "]"',
  EndOfFileExpected: "unexpected text after the value",
  InvalidCommentToken: "invalid character",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "invalid number",
  InvalidUnicode: "invalid \\u escape in string",
  InvalidEscapeCharacter: "invalid escape in string",
  InvalidCharacter: "control character in string",
};

/** A jsonc-parser error code (`PropertyNameExpected`) in our words. */
function jsoncProblem(code: string): string {
  return JSONC_PROBLEMS[code] ?? code;
}

/**
 * JSONC (comments, trailing commas) with jsonc-parser. Its parser recurses, so
 * the depth is measured first with its own visitor, which reads comments and
 * strings exactly as the parser does (a bare CR ends a line comment there), and
 * stops at the first level too many, long before the stack could run out.
 */
async function parseJsonc(text: string, where: string, tooDeep: () => CliError): Promise<unknown> {
  const { parse, printParseErrorCode, visit } = await import("jsonc-parser");
  const options = { allowTrailingComma: true, disallowComments: false };
  let depth = 0;
  const enter = () => {
    if (++depth > MAX_PROFILE_DEPTH) throw tooDeep();
  };
  const leave = () => void depth--;
  visit(text, {
    onObjectBegin: enter,
    onObjectEnd: leave,
    onArrayBegin: enter,
    onArrayEnd: leave,
  }, options);
  const errors: ParseError[] = [];
  const value = parse(text, errors, options);
  if (errors.length > 0) {
    const first = errors[0];
    const { line, column } = lineAndColumn(text, first.offset);
    throw new CliError(
      "config",
      said(
        "profileInvalidJson",
        where,
        line,
        column,
        jsoncProblem(printParseErrorCode(first.error)),
      ),
    );
  }
  return value;
}

/** A loaded profile file. */
export interface LoadedProfile {
  /** The profile's name. */
  readonly name: string;
  /** The file it was read from. */
  readonly path: string;
  /** What it holds. */
  readonly profile: Profile;
}

/**
 * The error for profile `name`, which `dir` does not hold: the profiles close
 * to it ("did you mean"), or how to create it.
 */
export async function missingProfile(ctx: Context, dir: string, name: string): Promise<CliError> {
  const how = name === "default" ? "soracom configure" : `soracom configure --profile ${name}`;
  const near = closest(name, await listProfiles(ctx, dir).catch(() => []));
  return new CliError("config", said("profileMissing", name, profilePath(dir, name), near, how));
}

/**
 * Reads profile `name` from `dir`, refusing files that others can read and
 * files too large to be a profile.
 */
export async function loadProfile(ctx: Context, dir: string, name: string): Promise<LoadedProfile> {
  const path = profilePath(dir, name);
  const info = await ctx.fs.stat(path);
  if (info === null) throw await missingProfile(ctx, dir, name);
  if (!info.isFile) throw new CliError("config", said("notAFile", path));
  if (info.mode !== null && (info.mode & 0o077) !== 0) {
    throw new CliError("config", said("profileTooOpen", path));
  }
  if (info.size > MAX_PROFILE_BYTES) {
    throw new CliError("config", said("profileTooLarge", path, info.size, MAX_PROFILE_BYTES));
  }
  let text: string;
  try {
    // Read no more than a profile may hold, whatever the size said (the file may have grown).
    const bytes = await ctx.fs.readFileCapped(path, MAX_PROFILE_BYTES);
    if (bytes === undefined) {
      throw new CliError("config", said("profileTooLarge", path, info.size, MAX_PROFILE_BYTES));
    }
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (e) {
    if (e instanceof TypeError) throw new CliError("config", said("notUtf8File", path));
    throw e;
  }
  return { name, path, profile: await parseProfileText(text, path) };
}

/** Profile JSON as soracom-cli writes it: its key order, booleans always present. */
export function serializeProfile(profile: Profile): string {
  const out: Record<string, unknown> = {};
  for (const key of PROFILE_KEYS) {
    const value = profile[key];
    if (key === "sandbox" || key === "registerPaymentMethod") out[key] = value ?? false;
    else if (key === "coverageType") out[key] = value ?? "";
    else if (value !== undefined && value !== "") out[key] = value;
  }
  return JSON.stringify(out);
}

/** Writes profile `name` atomically, mode 0600 in a 0700 folder. */
export async function saveProfile(
  ctx: Context,
  dir: string,
  name: string,
  profile: Profile,
): Promise<string> {
  await ctx.fs.ensureDir(dir, 0o700);
  const path = profilePath(dir, name);
  await ctx.fs.writeFileAtomic(path, new TextEncoder().encode(serializeProfile(profile)), 0o600);
  await removeLeftoverProfiles(ctx, dir);
  return path;
}

/** A temp file younger than this may be another run's write still going on. */
const LEFTOVER_MIN_AGE_MS = 60_000;

/**
 * Removes what interrupted profile writes left in `dir` (`.NAME.json.UUID.tmp`,
 * which may hold an AuthKey or a password); `configure` and `unconfigure` call
 * it. A failure to remove one is not this run's error.
 */
export async function removeLeftoverProfiles(ctx: Context, dir: string): Promise<void> {
  const left = await atomicLeftovers(ctx, dir, ".+\\.json", LEFTOVER_MIN_AGE_MS).catch(() => []);
  for (const name of left) await ctx.fs.remove(`${dir}/${name}`).catch(() => false);
}

/** Names of the profiles in `dir`, sorted. */
export async function listProfiles(ctx: Context, dir: string): Promise<string[]> {
  const names = await ctx.fs.readDir(dir);
  return names.filter((n) => n.endsWith(".json") && !n.startsWith("."))
    .map((n) => n.slice(0, -".json".length))
    .sort();
}
