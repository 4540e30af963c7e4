/**
 * `soracom configure-sandbox`: creates an API Sandbox operator (`POST
 * /v1/sandbox/init`, proving a production account with its AuthKey) and saves
 * a sandbox profile for it, as soracom-cli does. Every answer is also a flag.
 *
 * @module
 */

import { callApi, responseError } from "../../api/client.ts";
import { requireSafeEndpoint } from "../../auth/invocation.ts";
import { defaultEndpoint } from "../../api/endpoint.ts";
import type { Context } from "../../context.ts";
import { CliError } from "../../errors.ts";
import { ask as askOn, choose, flagString } from "./prompts.ts";
import { profileDir, profilePath, sanitizeProfileName, saveProfile } from "../../profile/store.ts";
import { booleanFlag, type FlagSpecsOf, type GlobalFlagValues, stringFlag } from "../flags.ts";
import { type Command, defineCommand } from "../command.ts";
import { messages, said } from "../../messages.ts";

/** `configure-sandbox`'s own flags: every answer (the profile name is `--profile`). */
export interface SandboxAnswers {
  /** AuthKeyId of the production account. */
  readonly "auth-key-id"?: string;
  /** AuthKey of the production account. */
  readonly "auth-key"?: string;
  /** Email of the sandbox operator to create. */
  readonly "email"?: string;
  /** Password of the sandbox operator to create. */
  readonly "password"?: string;
  /** Register a dummy payment method (default true). */
  readonly "register-payment-method"?: boolean;
  /** Replace an existing profile (default true). */
  readonly "overwrite"?: boolean;
}

/** The flags of `configure-sandbox`. */
export type ConfigureSandboxFlags = GlobalFlagValues & SandboxAnswers;

const FLAGS: FlagSpecsOf<SandboxAnswers> = {
  "auth-key-id": stringFlag("id"),
  "auth-key": stringFlag("secret"),
  "email": stringFlag("email"),
  "password": stringFlag("password"),
  "register-payment-method": booleanFlag(),
  "overwrite": booleanFlag(),
};

const str = flagString;

function ask(ctx: Context, question: string, secret = false): Promise<string> {
  return askOn(ctx, question, messages(ctx.lang).sandboxNeedsTerminal, secret);
}

async function coverageFromMenu(ctx: Context): Promise<string> {
  const m = messages(ctx.lang);
  return (await choose(ctx, m.selectCoverage, m.coverages, m.sandboxNeedsTerminal)) === 1
    ? "g"
    : "jp";
}

/** `configure-sandbox`: creates the sandbox operator and saves its profile. */
export async function runConfigureSandbox(
  ctx: Context,
  flags: ConfigureSandboxFlags,
): Promise<void> {
  const name = sanitizeProfileName(str(flags.profile) ?? "sandbox");
  const dir = profileDir(ctx);
  const answers = ["auth-key-id", "auth-key", "email", "password"] as const;
  const given = answers.every((f) => str(flags[f]));
  const coverageType = given ? str(flags["coverage-type"]) : await coverageFromMenu(ctx);
  const m = messages(ctx.lang);
  const authKeyId = str(flags["auth-key-id"]) ?? await ask(ctx, m.qAuthKeyId);
  const authKey = str(flags["auth-key"]) ?? await ask(ctx, m.qAuthKey, true);
  const email = str(flags.email) ?? await ask(ctx, m.qEmail);
  const password = str(flags.password) ?? await ask(ctx, m.qPassword, true);
  const registerPaymentMethod = flags["register-payment-method"] !== false;
  const endpoint = (ctx.env("SORACOM_ENDPOINT") || defaultEndpoint(coverageType, true)).replace(
    /\/+$/,
    "",
  );
  requireSafeEndpoint(endpoint, flags["allow-insecure-endpoint"] === true);
  if (flags.overwrite === false && await ctx.fs.stat(profilePath(dir, name)) !== null) {
    throw new CliError("config", said("sandboxProfileExists", name));
  }
  const response = await callApi(ctx, {
    endpoint,
    lang: ctx.lang,
    extraHeaders: {},
    retry: flags["no-retry-on-error"] !== true,
  }, {
    method: "POST",
    path: "/sandbox/init",
    contentType: "application/json",
    body: JSON.stringify({
      authKey,
      authKeyId,
      coverageTypes: [coverageType ?? ""],
      email,
      password,
      registerPaymentMethod,
    }),
  });
  if (!response.ok) throw await responseError(response);
  await response.body?.cancel();
  await saveProfile(ctx, dir, name, {
    sandbox: true,
    coverageType: coverageType ?? "",
    email,
    password,
    endpoint,
    registerPaymentMethod,
  });
}

/** The `configure-sandbox` command. */
export function configureSandboxCommand(): Command {
  return defineCommand<SandboxAnswers>({
    flags: FLAGS,
    run: (ctx, flags) => runConfigureSandbox(ctx, flags),
  });
}
