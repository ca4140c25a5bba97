/**
 * Defaults for scenario JSON version 2 (the engine trusts its shape: src/scenarios validates it at the edge).
 * Per-host options fall back to the scenario's, and profile-dependent defaults (MSL, delayed ACK) to the
 * host's own profile, so two hosts with different profiles each get their own.
 */
import { DEFAULT_MAX_EVENTS } from './limits';
import { PROFILES } from './profile';
import { normalizeNetwork, type Overrides } from './scenario';
import type { HostInput, HostName, ScenarioV2Input } from './scenarioV2';
import type { EndpointConfig, NetworkConfig, Profile, ScenarioOptions } from './types';

export interface HostSetup {
  name: HostName;
  address: string;
  profile: Profile;
  config: EndpointConfig;
  options: ScenarioOptions;
  isn?: number | number[];
}

export interface WorldSetup {
  seed: number;
  profile: Profile;
  network: NetworkConfig;
  /** The scenario-wide limits (maxTimeMs, maxEvents) and handshake. */
  options: Pick<ScenarioOptions, 'maxTimeMs' | 'maxEvents' | 'handshake'>;
  hosts: HostSetup[];
}

export function normalizeWorld(input: ScenarioV2Input, overrides: Overrides = {}): WorldSetup {
  const profile: Profile = overrides.profile ?? input.profile ?? 'rfc';
  const opts = input.options ?? {};
  const options = {
    handshake: opts.handshake ?? 'three-way',
    maxTimeMs: opts.maxTimeMs ?? 3_600_000,
    maxEvents: opts.maxEvents ?? DEFAULT_MAX_EVENTS,
  } as const;
  const hosts = Object.entries(input.hosts).map(([name, h]) =>
    host(name, h, overrides.profile ?? h.profile ?? profile),
  );
  return {
    seed: overrides.seed ?? input.seed ?? 1,
    profile,
    network: normalizeNetwork(input.network),
    options,
    hosts,
  };

  function host(name: HostName, h: HostInput, hostProfile: Profile): HostSetup {
    const constants = PROFILES[hostProfile];
    const setup: HostSetup = {
      name,
      address: h.address,
      profile: hostProfile,
      config: {
        port: 0, // each socket has its own (Socket.local)
        window: h.window ?? 65535,
        mss: h.mss ?? 1460,
        closeOnEof: h.closeOnEof ?? false,
        closeOnConnect: h.closeOnConnect ?? false,
      },
      options: {
        mslMs: opts.mslMs ?? constants.defaultMslMs,
        delayedAck: h.delayedAck ?? opts.delayedAck ?? constants.defaultDelayedAck,
        ...options,
      },
    };
    if (h.isn !== undefined) setup.isn = Array.isArray(h.isn) ? [...h.isn] : h.isn;
    return setup;
  }
}
