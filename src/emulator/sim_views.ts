/**
 * A SIM as the two APIs show it: the Subscriber (by IMSI, `/subscribers`) and
 * the Sim (by SIM ID, `/sims`, its subscriber inside a profile). Both come
 * from one {@link SimRecord}, so a change made through one API shows in the
 * other.
 *
 * @module
 */

import type { Plain } from "./json_out.ts";
import type { SimRecord } from "./world_data.ts";

function sessionOf(sim: SimRecord): Plain {
  if (!sim.online) return { online: false };
  const n = Number(sim.imsi.slice(-6));
  return {
    online: true,
    imsi: sim.imsi,
    imei: sim.imei,
    ueIpAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    dnsServers: ["100.127.0.53", "100.127.1.53"],
    lastUpdatedAt: sim.lastModifiedTime,
    subscription: sim.subscription,
  };
}

/** What both views show alike: the session, the IMEI lock, expiry and termination. */
function common(sim: SimRecord) {
  return {
    sessionStatus: sessionOf(sim),
    imeiLock: sim.imeiLock === undefined ? undefined : { imei: sim.imeiLock },
    expiryTime: sim.expiryTime,
    expiryAction: sim.expiryAction,
    terminationEnabled: sim.terminationEnabled,
    createdTime: sim.createdTime,
    lastModifiedTime: sim.lastModifiedTime,
  };
}

/** The Subscriber view of a SIM. */
export function subscriberView(sim: SimRecord): Plain {
  return {
    imsi: sim.imsi,
    iccid: sim.iccid,
    msisdn: sim.msisdn,
    simId: sim.simId,
    serialNumber: sim.serialNumber,
    operatorId: sim.operatorId,
    status: sim.status,
    speedClass: sim.speedClass,
    type: sim.speedClass,
    subscription: sim.subscription,
    moduleType: sim.moduleType,
    apn: "soracom.io",
    groupId: sim.groupId,
    tags: sim.tags,
    ...common(sim),
    createdAt: sim.createdTime,
    lastModifiedAt: sim.lastModifiedTime,
  };
}

/** A subscriber's status as a SIM profile names it. */
function profileStatus(sim: SimRecord): string {
  return sim.status === "ready" || sim.status === "terminated" ? sim.status : "active";
}

/** The Sim view of a SIM. */
export function simView(sim: SimRecord): Plain {
  return {
    simId: sim.simId,
    operatorId: sim.operatorId,
    type: sim.type,
    moduleType: sim.moduleType,
    serialNumber: sim.serialNumber,
    status: sim.status,
    speedClass: sim.speedClass,
    groupId: sim.groupId,
    tags: sim.tags,
    activeProfileId: sim.iccid,
    profiles: {
      [sim.iccid]: {
        iccid: sim.iccid,
        primaryImsi: sim.imsi,
        otaSupported: sim.type !== "virtual",
        subscribers: {
          [sim.imsi]: {
            imsi: sim.imsi,
            msisdn: sim.msisdn,
            status: profileStatus(sim),
            subscription: sim.subscription,
            capabilities: { data: true, sms: sim.type !== "virtual" },
          },
        },
      },
    },
    capabilities: { data: true, sms: sim.type !== "virtual" },
    ...common(sim),
  };
}
