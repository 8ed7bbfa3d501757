/** One `host:port` of a multi-host URL. */
export interface HostPort {
  host: string;
  port: number;
}

const fail = (msg: string): never => {
  throw new Error(msg);
};

/** Parses `h1:26379,h2,[::1]:26380` (a missing port is `defaultPort`). @throws Error naming the bad part */
export function parseHostList(list: string, defaultPort: number): HostPort[] {
  const hosts = list.split(',').map((part) => part.trim());
  if (hosts.length === 0 || hosts.some((h) => h === ''))
    fail(`expected host[:port] entries separated by commas, got '${list}'`);
  return hosts.map((entry) => {
    const m =
      /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+))(?::(\d{1,5}))?$/.exec(entry) ??
      fail(`'${entry}' is not a host or host:port`);
    const port = m[3] === undefined ? defaultPort : Number(m[3]);
    if (!(port >= 1 && port <= 65535)) fail(`'${entry}': the port must be 1-65535`);
    return { host: m[1] ?? m[2], port };
  });
}
