/**
 * The world a new emulator starts with: an operator you can sign in as (an
 * AuthKey and the root user's email and password), `--sims N` SIMs, and a few
 * things to look at (a group holding the first two SIMs, three Soralets, an
 * event handler, an hour of Harvest Data from the first SIM). Programs that
 * start the emulator themselves (tests, the demo) may name other operators
 * and SAM users, with passwords, MFA secrets and trust policies.
 *
 * @module
 */

import { jsonText } from "./json_out.ts";
import { imsiAt, seededSim } from "./sim_store.ts";
import { World } from "./world.ts";
import {
  type OperatorRecord,
  STATE_FORMAT,
  type UserRecord,
  type WorldData,
} from "./world_data.ts";

/** A SAM user to start with. */
export interface UserSeed {
  /** Its name. */
  readonly userName: string;
  /** Its password, when it signs in with one. */
  readonly password?: string;
  /** A base32 TOTP secret: MFA is on. */
  readonly mfaSecret?: string;
  /** The permission document (JSON text); `{"statements":[{"api":"*","effect":"allow"}]}` if absent. */
  readonly permission?: string;
  /** Who may switch into this user: root users (`{operatorId}`) or SAM users (`{operatorId, userName}`). */
  readonly trustedBy?: readonly Trusted[];
}

/** Someone a trust policy lets switch in: a root user, or a SAM user when `userName` is given. */
export interface Trusted {
  /** Their operator. */
  readonly operatorId: string;
  /** The SAM user, for a SAM user. */
  readonly userName?: string;
}

/** An operator to start with. The first one owns the seeded SIMs and samples. */
export interface OperatorSeed {
  /** `OP` and ten digits. */
  readonly operatorId: string;
  /** The root user's email. */
  readonly email: string;
  /** The root user's password. */
  readonly password: string;
  /** A base32 TOTP secret: MFA is on for the root user. */
  readonly mfaSecret?: string;
  /** The root user's AuthKeys. */
  readonly authKeys?: readonly AuthKeySeed[];
  /** SAM users. */
  readonly users?: readonly UserSeed[];
}

/** An AuthKey to start with. */
export interface AuthKeySeed {
  /** Its ID (`keyId-...`). */
  readonly authKeyId: string;
  /** Its secret (`secret-...`). */
  readonly authKey: string;
}

/**
 * The operator a plain `soracom emulator` has: its credentials are printed at start. They
 * are fixed (not secret: the emulator listens on this machine only unless told otherwise).
 */
export const DEFAULT_OPERATOR: OperatorSeed = {
  operatorId: "OP0012345678",
  email: "root@example.com",
  password: "emulator-Passw0rd",
  authKeys: [{
    authKeyId: "keyId-emulator00000000000000000001",
    authKey: "secret-emulator0000000000000000000000000000000000000000000000000001",
  }],
};

/** Allows every API: what seeded SAM users get unless they say otherwise. */
export const ALLOW_ALL = '{"statements":[{"api":"*","effect":"allow"}]}';

/** A world with no operator and `sims` seeded SIMs. */
export function emptyWorld(seed: number, sims: number): WorldData {
  return {
    format: STATE_FORMAT,
    version: 1,
    seed,
    simCount: sims,
    counters: {},
    operators: [],
    sessions: [],
    sims: {},
    groups: [],
    harvest: [],
    soralets: [],
    eventHandlers: [],
  };
}

function trustPolicy(user: UserSeed): string | undefined {
  if (user.trustedBy === undefined) return undefined;
  const principals = user.trustedBy.map((t) =>
    t.userName === undefined
      ? `srn:soracom:${t.operatorId}::Operator:${t.operatorId}`
      : `srn:soracom:${t.operatorId}::User:${t.userName}`
  );
  return jsonText({ statements: [{ effect: "allow", principal: { soracom: principals } }] });
}

function userOf(seed: UserSeed, now: number): UserRecord {
  return {
    userName: seed.userName,
    password: seed.password,
    createdTime: now,
    updatedTime: now,
    permission: seed.permission ?? ALLOW_ALL,
    roles: [],
    trustPolicy: trustPolicy(seed),
    mfa: seed.mfaSecret === undefined ? undefined : { status: "on", secret: seed.mfaSecret },
    authKeys: [],
  };
}

function operatorOf(seed: OperatorSeed, now: number): OperatorRecord {
  return {
    operatorId: seed.operatorId,
    email: seed.email,
    password: seed.password,
    createdTime: now,
    mfa: seed.mfaSecret === undefined ? undefined : { status: "on", secret: seed.mfaSecret },
    authKeys: (seed.authKeys ?? []).map((k) => ({ ...k, createdTime: now })),
    users: (seed.users ?? []).map((u) => userOf(u, now)),
    roles: [],
  };
}

/** What a new world is made from. */
export interface SeedOptions {
  /** The seed of made-up data. */
  readonly seed: number;
  /** How many SIMs. */
  readonly sims: number;
  /** The operators; the first owns the SIMs and samples. */
  readonly operators: readonly OperatorSeed[];
}

/** A new world: the operators, the SIMs and the samples. */
export function seedWorld(options: SeedOptions, now: () => number): World {
  const data = emptyWorld(options.seed, options.sims);
  data.operators = options.operators.map((o) => operatorOf(o, now()));
  const world = new World(data, now);
  const owner = data.operators[0]?.operatorId;
  if (owner !== undefined) addSamples(world, owner);
  world.takeChanged();
  return world;
}

/** A group with the first two SIMs, Soralets, an event handler and Harvest Data. */
function addSamples(world: World, operatorId: string): void {
  const { data } = world;
  const at = data.operators[0].createdTime;
  const groupId = world.newId("group");
  data.groups.push({
    groupId,
    operatorId,
    tags: { name: "sensors" },
    configuration: { SoracomAir: { metadata: '{"enabled":true}' } },
    createdTime: at,
    lastModifiedTime: at,
  });
  for (let i = 0; i < Math.min(2, data.simCount); i++) {
    world.sims.put({ ...seededSim(data.seed, i, operatorId), groupId });
  }
  for (const soraletId of ["echo", "hello", "uplink-transform"]) {
    data.soralets.push({ soraletId, operatorId, createdTime: at, updatedTime: at, versions: [] });
  }
  data.eventHandlers.push({
    handlerId: world.newId("handler"),
    operatorId,
    ignored: [],
    body: jsonText({
      name: "slow down after 1 GiB a month",
      status: "active",
      targetOperatorId: operatorId,
      ruleConfig: {
        type: "SubscriberMonthlyTrafficRule",
        properties: {
          inactiveTimeoutDateConst: "BEGINNING_OF_NEXT_MONTH",
          limitTotalTrafficMegaByte: "1024",
        },
      },
      actionConfigList: [{
        type: "ChangeSpeedClassAction",
        properties: { executionDateTimeConst: "IMMEDIATELY", speedClass: "s1.slow" },
      }],
    }),
  });
  if (data.simCount > 0) {
    for (let minutes = 60; minutes > 0; minutes -= 20) {
      data.harvest.push({
        operatorId,
        resourceType: "Subscriber",
        resourceId: imsiAt(0),
        time: at - minutes * 60_000,
        contentType: "application/json",
        content: jsonText({ temperature: 20 + minutes / 20, humidity: 40 + minutes / 10 }),
      });
    }
  }
}
