/**
 * The resources of `soracom mcp`: the profiles' identities as `soracom auth
 * status --json` gives them (who, where, the session's state; never a
 * secret), computed by that command itself on a captured Context.
 *
 * @module
 */

/** A resource as `resources/list` gives it. */
export interface Resource {
  /** Where it is read. */
  readonly uri: string;
  /** Its name. */
  readonly name: string;
  /** Its title, for people. */
  readonly title: string;
  /** What it holds. */
  readonly description: string;
  /** Its type. */
  readonly mimeType: string;
}
import type { Context } from "../context.ts";
import { type Lang, messages } from "../messages.ts";
import type { GlobalFlagValues } from "../cli/flags.ts";
import { runAuthStatus } from "../cli/commands/auth_status.ts";
import { errorText } from "./call.ts";
import { capture, shownToClient } from "./capture.ts";

/** Every profile. */
const PROFILES_URI = "soracom://profiles";
/** The profile the server runs as. */
const PROFILE_URI = "soracom://profile";

/** The resources, as `resources/list` gives them. */
export function resourceList(lang: Lang): Resource[] {
  const m = messages(lang);
  return [
    {
      uri: PROFILE_URI,
      name: "profile",
      title: m.mcpProfileTitle,
      description: m.mcpProfileAbout,
      mimeType: "application/json",
    },
    {
      uri: PROFILES_URI,
      name: "profiles",
      title: m.mcpProfilesTitle,
      description: m.mcpProfilesAbout,
      mimeType: "application/json",
    },
  ];
}

/**
 * The text of resource `uri` (`undefined` for none such): what `auth status
 * --json` prints, or its error line.
 */
export async function readResource(
  ctx: Context,
  global: GlobalFlagValues,
  uri: string,
): Promise<string | undefined> {
  if (uri !== PROFILE_URI && uri !== PROFILES_URI) return undefined;
  const run = capture(ctx);
  try {
    await runAuthStatus(run.ctx, { ...global, json: true, all: uri === PROFILES_URI });
  } catch (error) {
    return JSON.stringify({ error: (await errorText(ctx, error)).text });
  }
  return shownToClient(ctx, run.stdout());
}
