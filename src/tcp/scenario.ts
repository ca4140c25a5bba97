/**
 * Defaults for scenario JSON version 1. The engine trusts its input's shape (the schema in
 * src/scenarios validates it at the edge) and fills in everything that was left out.
 */
import { DEFAULT_MAX_EVENTS } from './limits';
import { PROFILES } from './profile';
import type { EndpointConfig, EndpointName, NetworkConfig, Profile, Scenario, ScenarioInput } from './types';

export const DEFAULT_PORTS: Record<EndpointName, number> = { A: 40000, B: 80 };

export interface Overrides {
  seed?: number;
  profile?: Profile;
}

export function normalizeScenario(input: ScenarioInput | Scenario, overrides: Overrides = {}): Scenario {
  const profile: Profile = overrides.profile ?? input.profile ?? 'rfc';
  const constants = PROFILES[profile];
  const opts = input.options ?? {};
  return {
    version: 1,
    name: input.name ?? 'Untitled scenario',
    description: input.description ?? '',
    seed: overrides.seed ?? input.seed ?? 1,
    profile,
    network: normalizeNetwork(input.network),
    endpoints: {
      A: endpoint('A', input.endpoints?.A),
      B: endpoint('B', input.endpoints?.B),
    },
    options: {
      mslMs: opts.mslMs ?? constants.defaultMslMs,
      delayedAck: opts.delayedAck ?? constants.defaultDelayedAck,
      handshake: opts.handshake ?? 'three-way',
      maxTimeMs: opts.maxTimeMs ?? 3_600_000,
      maxEvents: opts.maxEvents ?? DEFAULT_MAX_EVENTS,
    },
    actions: input.actions.map((a) => ({ ...a })),
    faults: (input.faults ?? []).map((f) => structuredCloneFault(f)),
  };
}

/** The network's defaults (the same in v1 and v2 scenarios). */
export function normalizeNetwork(net: Partial<NetworkConfig> = {}): NetworkConfig {
  const latencyMs = net.latencyMs ?? 50;
  return {
    latencyMs,
    jitterMs: net.jitterMs ?? 0,
    lossRate: net.lossRate ?? 0,
    duplicateRate: net.duplicateRate ?? 0,
    reorderRate: net.reorderRate ?? 0,
    reorderDelayMs: net.reorderDelayMs ?? latencyMs,
  };
}

function endpoint(name: EndpointName, e: Partial<EndpointConfig> | undefined): EndpointConfig {
  const out: EndpointConfig = {
    port: e?.port ?? DEFAULT_PORTS[name],
    window: e?.window ?? 65535,
    mss: e?.mss ?? 1460,
    closeOnEof: e?.closeOnEof ?? false,
    closeOnConnect: e?.closeOnConnect ?? false,
  };
  if (e?.isn !== undefined) out.isn = Array.isArray(e.isn) ? [...e.isn] : e.isn;
  return out;
}

function structuredCloneFault<T>(f: T): T {
  return JSON.parse(JSON.stringify(f)) as T;
}
