import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { parseDatabaseUrl } from '../../src/db/database-url.js';

/** What a run's SQL cost, from MariaDB's own counters (`Questions`, `Com_commit`). */
export interface SqlCounts {
  /** Statements sent by every client of the server during the window, the bench's own left out. */
  statements: number;
  /** `COMMIT`s during the window (the bench's own statements never commit). */
  commits: number;
  /** The bench's own statements (status polling, memory sampling, these counters), already subtracted. */
  ownStatements: number;
  /**
   * Connections of other clients (another database, or none) seen running statements during the window. Their
   * statements are in the counts: MariaDB's counters are server-wide. 0 = the counts are this run's alone (as far
   * as sampling twice a second can tell).
   */
  otherClients: number;
}

interface Snapshot {
  globalQuestions: number;
  globalCommits: number;
  sessionQuestions: number;
  sessionCommits: number;
}

/**
 * One connection for everything the bench itself asks the database while it measures — the driver's polling of
 * upgrade statuses and invoices, the memory sampler — so that its statements can be told from the pipeline's:
 * `begin()` and `end()` read the server's counters and this connection's own in one statement each, and the
 * difference is what the pipeline (the driver's use cases, the workers) sent. Pass it where a `DataSource` is only
 * used for `query()`.
 */
export class SqlCounter {
  private start: Snapshot | null = null;
  private startedAt = 0;
  private watcher: NodeJS.Timeout | null = null;
  private watching: Promise<void> | null = null;
  private readonly others = new Set<number>();

  private constructor(private readonly conn: Connection) {}

  /** Connects to `databaseUrl` with the row options of the app's data source (BIGINT as strings, UTC). */
  static async open(databaseUrl: string): Promise<SqlCounter> {
    const { host, port, username, password, database } = parseDatabaseUrl(databaseUrl);
    const conn = await createConnection({
      host,
      port,
      user: username,
      password,
      database,
      timezone: 'Z',
      dateStrings: ['DATE'],
      supportBigNumbers: true,
      bigNumberStrings: true,
      charset: 'utf8mb4_unicode_ci',
    });
    return new SqlCounter(conn);
  }

  /** Like `DataSource.query`: the rows of a statement with `?` placeholders (arrays expand for `IN (?)`). */
  async query<T = unknown>(sql: string, parameters: unknown[] = []): Promise<T> {
    const [rows] = await this.conn.query(sql, parameters);
    return rows as T;
  }

  /** Starts the window: reads the counters, and watches for other clients every `watchEveryMs`. */
  async begin(watchEveryMs = 500): Promise<void> {
    this.others.clear();
    this.startedAt = Date.now();
    this.start = await this.snapshot();
    this.watcher = setInterval(() => {
      this.watching ??= this.watchOthers().finally(() => {
        this.watching = null;
      });
    }, watchEveryMs);
  }

  /** Ends the window and returns its counts, not divided (see {@link perUpgrade}). */
  async end(): Promise<SqlCounts> {
    if (!this.start) throw new Error('SqlCounter.end() before begin()');
    if (this.watcher) clearInterval(this.watcher);
    await this.watching;
    await this.watchOthers();
    const end = await this.snapshot();
    const own = end.sessionQuestions - this.start.sessionQuestions;
    return {
      statements: end.globalQuestions - this.start.globalQuestions - own,
      commits: end.globalCommits - this.start.globalCommits - (end.sessionCommits - this.start.sessionCommits),
      ownStatements: own,
      otherClients: this.others.size,
    };
  }

  async close(): Promise<void> {
    if (this.watcher) clearInterval(this.watcher);
    await this.watching;
    await this.conn.end();
  }

  /**
   * Server and session counters in one statement, so both include the same statements of this connection (this
   * one among them) and the difference of two snapshots cancels out exactly.
   */
  private async snapshot(): Promise<Snapshot> {
    const value = (table: string, name: string) =>
      `(SELECT VARIABLE_VALUE FROM information_schema.${table} WHERE VARIABLE_NAME = '${name}')`;
    const [[row]] = await this.conn.query<RowDataPacket[]>(
      `SELECT ${value('GLOBAL_STATUS', 'QUESTIONS')} AS gq, ${value('GLOBAL_STATUS', 'COM_COMMIT')} AS gc, ` +
        `${value('SESSION_STATUS', 'QUESTIONS')} AS sq, ${value('SESSION_STATUS', 'COM_COMMIT')} AS sc`,
    );
    return {
      globalQuestions: Number(row.gq),
      globalCommits: Number(row.gc),
      sessionQuestions: Number(row.sq),
      sessionCommits: Number(row.sc),
    };
  }

  /**
   * Notes connections outside this run (not on its database) that did something since the window began: busy now,
   * or idle for less time than the window has lasted. MariaDB has no per-connection counters without the
   * performance schema (off by default), so their statements cannot be subtracted, only reported.
   */
  private async watchOthers(): Promise<void> {
    try {
      const [rows] = await this.conn.query<RowDataPacket[]>(
        `SELECT ID AS id FROM information_schema.PROCESSLIST
          WHERE ID <> CONNECTION_ID() AND COMMAND NOT IN ('Daemon', 'Binlog Dump') AND USER <> 'system user'
            AND (DB IS NULL OR DB <> DATABASE()) AND (COMMAND <> 'Sleep' OR TIME_MS < ?)`,
        [Date.now() - this.startedAt],
      );
      for (const row of rows) this.others.add(Number(row.id));
    } catch {
      // A missed look is only a less complete warning.
    }
  }
}

/** Statements and commits per upgrade. */
export function perUpgrade(counts: SqlCounts, upgrades: number): { statements: number; commits: number } {
  return { statements: counts.statements / upgrades, commits: counts.commits / upgrades };
}
