import type { AddressInfo } from 'node:net';
import type { FleetEnv } from './fleet-env.js';

/** Starts the HTTP API in this process on a free port of 127.0.0.1 (the env's runtime) and returns its base URL. */
export async function startFleetApi(env: FleetEnv): Promise<string> {
  const api = await env.runtime.startApi({ port: 0 });
  return `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
}
