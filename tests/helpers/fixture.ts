/**
 * The usual end-to-end setting: a loopback emulator, a temporary home with a
 * profile folder and a session folder, and the stand-in `op` on PATH. Disposed
 * with `await using`.
 *
 * @module
 */

import { authKey, sam, samPlain, switchTarget } from "./accounts.ts";
import { startTestEmulator, type TestEmulator } from "./emulator.ts";
import { installFakeOp, tempDir } from "./run.ts";

/** A running emulator and the folders and environment a `soracom` run needs. */
export interface Fixture extends AsyncDisposable {
  readonly dir: string;
  readonly api: TestEmulator;
  /** HOME, PATH (with `op`), SORACOM_ENDPOINT, the folders, FAKE_OP_LOG. */
  readonly env: Record<string, string>;
  readonly profiles: string;
  readonly sessions: string;
  /** Where the stand-in `op` logs each run. */
  readonly opLog: string;
  /** The names of the cached session files (none if the folder is not there yet). */
  sessionFiles(): Promise<string[]>;
}

/**
 * Starts the emulator and lays out a temporary home.
 *
 * @param options.homeProfiles use `~/.soracom` (no SORACOM_PROFILE_DIR), as a new user has
 */
export async function emulatorFixture(
  options: { sims?: number; now?: () => number; homeProfiles?: boolean } = {},
): Promise<Fixture> {
  const dir = await tempDir();
  const api = await startTestEmulator({ sims: options.sims, now: options.now });
  const op = await installFakeOp(dir);
  const profiles = options.homeProfiles ? `${dir}/.soracom` : `${dir}/profiles`;
  await Deno.mkdir(profiles, { mode: 0o700 });
  const sessions = `${dir}/sessions`;
  const env: Record<string, string> = {
    PATH: op.path,
    HOME: dir,
    SORACOM_ENDPOINT: api.url,
    SORACOM_SESSION_DIR: sessions,
    FAKE_OP_LOG: op.log,
  };
  if (!options.homeProfiles) env.SORACOM_PROFILE_DIR = profiles;
  return {
    dir,
    api,
    env,
    profiles,
    sessions,
    opLog: op.log,
    async sessionFiles() {
      try {
        return (await Array.fromAsync(Deno.readDir(sessions))).map((e) => e.name).filter((n) =>
          n.endsWith(".json")
        );
      } catch {
        return [];
      }
    },
    async [Symbol.asyncDispose]() {
      await api.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/**
 * The profile issue 2 names, exactly as users write it: 1Password's `op` (a
 * stand-in here) piped into jq, printing a SAM user's credentials and the TOTP.
 */
export const OP_JQ_PROFILE =
  `{"profileCommand":"/bin/sh -c \\"op item get soracom-power-sam-user --format json | jq '{username:.fields[1].value,password:.fields[0].value,operatorId:.fields[4].value,mfaOTPCode:.fields[3].totp}'\\""}`;

/** Profiles for the emulator's accounts, as a user writes them (`username` in the file). */
export const PROFILES = {
  authKey: { authKeyId: authKey.authKeyId, authKey: authKey.authKey },
  samPlain: {
    operatorId: samPlain.operatorId,
    username: samPlain.userName,
    password: samPlain.password,
  },
  sam: { operatorId: sam.operatorId, username: sam.userName, password: sam.password },
  /** Switch user to the emulator's target, logging in first with the profile "src". */
  switchUser: {
    sourceProfile: "src",
    operatorId: switchTarget.operatorId,
    username: switchTarget.userName,
  },
  /** The same, from the profile "sam". */
  switchFromSam: {
    sourceProfile: "sam",
    operatorId: switchTarget.operatorId,
    username: switchTarget.userName,
  },
  /** The README's 1Password profile: credentials from one `op` run, the code from another. */
  opWithOtpCommand: {
    profileCommand:
      `/bin/sh -c "op item get soracom-power-sam-user --format json | jq '{username:.fields[1].value,password:.fields[0].value,operatorId:.fields[4].value}'"`,
    mfaOTPCommand: "op item get soracom-power-sam-user --otp",
  },
} as const;
