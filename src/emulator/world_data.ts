/**
 * What the emulator keeps: operators and their users, sessions, SIMs that
 * differ from their seeded selves, groups, Harvest Data, Soralets and event
 * handlers. It is plain JSON data, what `--state FILE` holds; the zod schema
 * checks a file before anything of it is used. Values a client sent as JSON
 * (group configuration, event handlers) are kept as the JSON text they came as.
 *
 * @module
 */

import { z } from "zod";

/** MFA of a root user or SAM user: started (`pending`, until a code is verified) or on. */
export interface MfaRecord {
  /** `pending` until a code of the secret is verified. */
  status: "pending" | "on";
  /** The base32 TOTP secret. */
  secret: string;
  /** One-time backup codes (root users). */
  backupCodes?: string[];
}

/** An AuthKey of an operator or a SAM user. */
export interface AuthKeyRecord {
  /** Its ID (`keyId-...`). */
  authKeyId: string;
  /** Its secret (`secret-...`). */
  authKey: string;
  /** When it was made (ms). */
  createdTime: number;
  /** When it last signed in (ms). */
  lastUsedTime?: number;
}

/** A SAM user. */
export interface UserRecord {
  /** Its name, unique in its operator. */
  userName: string;
  /** What it is for. */
  description?: string;
  /** Its password, when it may sign in with one. */
  password?: string;
  /** When it was made (ms). */
  createdTime: number;
  /** When it last changed (ms). */
  updatedTime: number;
  /** The permission document (JSON text). */
  permission?: string;
  /** Attached role IDs. */
  roles: string[];
  /** The trust policy (JSON text): who may switch into this user. */
  trustPolicy?: string;
  /** MFA, once started. */
  mfa?: MfaRecord;
  /** Its AuthKeys. */
  authKeys: AuthKeyRecord[];
}

/** A role: a permission document SAM users are given. */
export interface RoleRecord {
  /** Its ID, unique in its operator. */
  roleId: string;
  /** What it is for. */
  description?: string;
  /** The permission document (JSON text). */
  permission: string;
  /** When it was made (ms). */
  createdTime: number;
  /** When it last changed (ms). */
  updatedTime: number;
}

/** An operator: its root user, AuthKeys, SAM users and roles. */
export interface OperatorRecord {
  /** `OP` and ten digits. */
  operatorId: string;
  /** The root user's email. */
  email: string;
  /** The root user's password. */
  password: string;
  /** When it was made (ms). */
  createdTime: number;
  /** The root user's MFA, once started. */
  mfa?: MfaRecord;
  /** The root user's AuthKeys. */
  authKeys: AuthKeyRecord[];
  /** SAM users. */
  users: UserRecord[];
  /** Roles. */
  roles: RoleRecord[];
  /** Default permissions of its SAM users (JSON text). */
  defaultPermissions?: string;
}

/** A session: an API key and its token. */
export interface SessionRecord {
  /** `X-Soracom-API-Key`. */
  apiKey: string;
  /** `X-Soracom-Token`. */
  token: string;
  /** Whose session it is. */
  operatorId: string;
  /** The SAM user's name, for a SAM user's session. */
  userName?: string;
  /** The AuthKey it signed in with, if one. */
  authKeyId?: string;
  /** The emulator's clock (ms) after which the token no longer works. */
  expiresAt: number;
}

/** The statuses of a SIM. */
export type SimStatus = "ready" | "active" | "inactive" | "standby" | "suspended" | "terminated";

/** A SIM with its one subscriber. */
export interface SimRecord {
  /** The subscriber's IMSI. */
  imsi: string;
  /** The SIM's ID (its ICCID). */
  simId: string;
  /** The profile's ICCID. */
  iccid: string;
  /** Its phone number. */
  msisdn: string;
  /** Printed on the card. */
  serialNumber: string;
  /** Whose it is. */
  operatorId: string;
  /** Its status. */
  status: SimStatus;
  /** Its speed class. */
  speedClass: string;
  /** Its plan. */
  subscription: string;
  /** Its form (nano, embedded, virtual...). */
  moduleType: string;
  /** A physical card, an eSIM, or virtual. */
  type: "uicc" | "euicc" | "virtual";
  /** Its group, if any. */
  groupId?: string;
  /** Its tags. */
  tags: Record<string, string>;
  /** When it expires (ms). */
  expiryTime?: number;
  /** What happens then. */
  expiryAction?: string;
  /** Whether it may be terminated (protection off). */
  terminationEnabled: boolean;
  /** The IMEI of its device. */
  imei?: string;
  /** The IMEI it is locked to, if any. */
  imeiLock?: string;
  /** Whether it has a session. */
  online: boolean;
  /** When it was made (ms). */
  createdTime: number;
  /** When it last changed (ms). */
  lastModifiedTime: number;
}

/** A group of SIMs and its configuration. */
export interface GroupRecord {
  /** Its ID (a UUID). */
  groupId: string;
  /** Whose it is. */
  operatorId: string;
  /** Its tags. */
  tags: Record<string, string>;
  /** Namespace -> key -> value (JSON text). */
  configuration: Record<string, Record<string, string>>;
  /** When it was made (ms). */
  createdTime: number;
  /** When it last changed (ms). */
  lastModifiedTime: number;
}

/** A Harvest Data entry. */
export interface DataEntryRecord {
  /** Whose it is. */
  operatorId: string;
  /** `Subscriber`, `Sim`, `Device`... */
  resourceType: string;
  /** The resource's ID. */
  resourceId: string;
  /** When it was put (ms): its key for the resource. */
  time: number;
  /** The content's type. */
  contentType: string;
  /** The content, as sent. */
  content: string;
  /** Its category, if given. */
  category?: string;
}

/** A Soralet version: what was uploaded (its size and hash; the code itself is not kept). */
export interface SoraletVersionRecord {
  /** 1, 2, ... */
  version: number;
  /** SHA-256 of the code, hexadecimal. */
  hash: string;
  /** The code's size in bytes. */
  size: number;
  /** When it was uploaded (ms). */
  createdTime: number;
}

/** A Soralet and its versions. */
export interface SoraletRecord {
  /** Its ID, unique in its operator. */
  soraletId: string;
  /** Whose it is. */
  operatorId: string;
  /** What it is for. */
  description?: string;
  /** When it was made (ms). */
  createdTime: number;
  /** When it last changed (ms). */
  updatedTime: number;
  /** Its uploaded versions. */
  versions: SoraletVersionRecord[];
}

/** An event handler, as it was sent. */
export interface EventHandlerRecord {
  /** Its ID. */
  handlerId: string;
  /** Whose it is. */
  operatorId: string;
  /** The handler as the client sent it, without its ID (JSON text of an object). */
  body: string;
  /** IMSIs that ignore it. */
  ignored: string[];
}

/** Everything the emulator keeps, as `--state FILE` holds it. */
export interface WorldData {
  /** {@link STATE_FORMAT}: what the file is. */
  format: typeof STATE_FORMAT;
  /** The version of the format. */
  version: 1;
  /** The seed of made-up data. */
  seed: number;
  /** How many SIMs were seeded (made on demand from their index). */
  simCount: number;
  /** The last number used for each kind of ID. */
  counters: Record<string, number>;
  /** Operators. */
  operators: OperatorRecord[];
  /** Live sessions. */
  sessions: SessionRecord[];
  /** SIMs that differ from their seeded selves, or were added, by IMSI. */
  sims: Record<string, SimRecord>;
  /** Groups. */
  groups: GroupRecord[];
  /** Harvest Data entries. */
  harvest: DataEntryRecord[];
  /** Soralets. */
  soralets: SoraletRecord[];
  /** Event handlers. */
  eventHandlers: EventHandlerRecord[];
}

/** The name a state file says it is. */
export const STATE_FORMAT = "soracom-emulator-state";

const text = z.string();
const time = z.number();
const tags = z.record(z.string(), z.string());

const mfaSchema = z.object({
  status: z.enum(["pending", "on"]),
  secret: text,
  backupCodes: z.array(text).optional(),
});

const authKeySchema = z.object({
  authKeyId: text,
  authKey: text,
  createdTime: time,
  lastUsedTime: time.optional(),
});

const userSchema = z.object({
  userName: text,
  description: text.optional(),
  password: text.optional(),
  createdTime: time,
  updatedTime: time,
  permission: text.optional(),
  roles: z.array(text),
  trustPolicy: text.optional(),
  mfa: mfaSchema.optional(),
  authKeys: z.array(authKeySchema),
});

const operatorSchema = z.object({
  operatorId: text,
  email: text,
  password: text,
  createdTime: time,
  mfa: mfaSchema.optional(),
  authKeys: z.array(authKeySchema),
  users: z.array(userSchema),
  roles: z.array(z.object({
    roleId: text,
    description: text.optional(),
    permission: text,
    createdTime: time,
    updatedTime: time,
  })),
  defaultPermissions: text.optional(),
});

const simSchema = z.object({
  imsi: text,
  simId: text,
  iccid: text,
  msisdn: text,
  serialNumber: text,
  operatorId: text,
  status: z.enum(["ready", "active", "inactive", "standby", "suspended", "terminated"]),
  speedClass: text,
  subscription: text,
  moduleType: text,
  type: z.enum(["uicc", "euicc", "virtual"]),
  groupId: text.optional(),
  tags,
  expiryTime: time.optional(),
  expiryAction: text.optional(),
  terminationEnabled: z.boolean(),
  imei: text.optional(),
  imeiLock: text.optional(),
  online: z.boolean(),
  createdTime: time,
  lastModifiedTime: time,
});

/**
 * A state file's content, checked before any of it is used.
 *
 * @ignore zod's own types, which its value has, are documented by zod.
 */
export const worldSchema: z.ZodType<WorldData> = z.object({
  format: z.literal(STATE_FORMAT),
  version: z.literal(1),
  seed: z.number().int(),
  simCount: z.number().int().min(0),
  counters: z.record(z.string(), z.number().int()),
  operators: z.array(operatorSchema),
  sessions: z.array(z.object({
    apiKey: text,
    token: text,
    operatorId: text,
    userName: text.optional(),
    authKeyId: text.optional(),
    expiresAt: time,
  })),
  sims: z.record(z.string(), simSchema),
  groups: z.array(z.object({
    groupId: text,
    operatorId: text,
    tags,
    configuration: z.record(z.string(), z.record(z.string(), text)),
    createdTime: time,
    lastModifiedTime: time,
  })),
  harvest: z.array(z.object({
    operatorId: text,
    resourceType: text,
    resourceId: text,
    time,
    contentType: text,
    content: text,
    category: text.optional(),
  })),
  soralets: z.array(z.object({
    soraletId: text,
    operatorId: text,
    description: text.optional(),
    createdTime: time,
    updatedTime: time,
    versions: z.array(
      z.object({ version: z.number(), hash: text, size: z.number(), createdTime: time }),
    ),
  })),
  eventHandlers: z.array(
    z.object({ handlerId: text, operatorId: text, body: text, ignored: z.array(text) }),
  ),
});
