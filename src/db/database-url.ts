import { parseHostList, type HostPort } from '../config/host-list.js';

/** The parts of a `mysql://user:pass@host:port/database` URL (or `mysql://user:pass@h1:3306,h2:3307,h3/database`). */
export interface DatabaseUrlParts {
  /** The first host: the one a single-host tool (the test suite's admin connection) talks to. */
  host: string;
  port: number;
  /** Every host, in the order given (one for a plain URL). The pool uses the first that answers: see host-failover.ts. */
  hosts: HostPort[];
  username: string;
  password: string;
  database: string;
}

/** `mysql://[user[:password]@]h1[:3306],h2[:3306],…/database[?…]` — several hosts (WHATWG URL cannot parse them). */
const MULTI_HOST =
  /^(mysql|mariadb):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?([^/?#@]*,[^/?#@]*)(?:\/([^?#]*))?(?:\?[^#]*)?$/;

const fail = (msg: string): never => {
  throw new Error(msg);
};

function checkDatabaseName(database: string): string {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database))
    fail(`the database name must be 1-64 letters, digits or _, got '${database}'`);
  return database;
}

/**
 * Checks `DATABASE_URL` for the configuration (messages fit to follow "DATABASE_URL: "): a mysql: or mariadb: URL,
 * with one host or several separated by commas, each with a valid port.
 */
export function checkDatabaseUrl(raw: string): string {
  const multi = MULTI_HOST.exec(raw);
  if (multi) {
    parseHostList(multi[4], 3306);
    checkDatabaseName(decodeURIComponent(multi[5] ?? ''));
    return raw;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('expected a URL (mysql: or mariadb:), got an unparsable value');
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:')
    fail(`expected a mysql: or mariadb: URL, got protocol '${url.protocol}'`);
  return raw;
}

export function parseDatabaseUrl(url: string): DatabaseUrlParts {
  const multi = MULTI_HOST.exec(url);
  if (multi) {
    const [, , user, password, hostList, path = ''] = multi;
    let hosts: HostPort[];
    let database: string;
    try {
      hosts = parseHostList(hostList, 3306);
      database = checkDatabaseName(decodeURIComponent(path));
    } catch (err) {
      throw new Error(`DATABASE_URL: ${(err as Error).message}`, { cause: err });
    }
    return {
      host: hosts[0].host,
      port: hosts[0].port,
      hosts,
      username: decodeURIComponent(user || 'root'),
      password: decodeURIComponent(password ?? ''),
      database,
    };
  }
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) {
    throw new Error(`DATABASE_URL: the database name must be 1-64 letters, digits or _, got '${database}'`);
  }
  const host = u.hostname || '127.0.0.1';
  const port = u.port ? Number(u.port) : 3306;
  return {
    host,
    port,
    hosts: [{ host, port }],
    username: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    database,
  };
}
