import type https from 'node:https';
import { performance } from 'node:perf_hooks';
import axios, { type AxiosInstance } from 'axios';
import { PanelAuthError } from '../panel-errors.js';
import { PanelError, type PanelErrorOptions } from '../panel-errors.js';
import { PanelOutcomeUnknownError } from '../panel-errors.js';
import { PanelRejectedError } from '../panel-errors.js';
import { PanelTransientError } from '../panel-errors.js';
import type { PanelCallRecorder } from '../panel-call-recorder.js';
import type { PanelLogger } from '../panel-logger.js';
import { defaultPanelTimeoutsMs, type PanelServerConfig } from '../panel-server-config.js';
import { classifyTransportError } from './classify-transport-error.js';
import { PanelReplyParseError } from '../panel-errors.js';
import { redactHeaders, redactText } from './redact.js';

/** One HTTP call to a panel. */
export interface PanelHttpRequest {
  /** Panel function name, for the call log and error messages. */
  action: string;
  method: 'GET' | 'POST';
  /** Path from the server root, e.g. `/json-api/accountsummary`. */
  path: string;
  query?: Record<string, string>;
  /** Encoded body (form, XML). */
  body?: string;
  /** Request headers, credentials included (they are redacted before logging). */
  headers?: Record<string, string>;
  /**
   * The call changes the account: a failure after it was sent is an unknown outcome.
   * @defaultValue false
   */
  mutating?: boolean;
  /**
   * Reads the panel's own error from a reply whose status is not 2xx, before the status decides (DirectAdmin's
   * JSON API answers "User bob does not exist" with a 4xx/5xx and an `{"error": …}` body). Returns null when the
   * body holds no error it recognizes; then the status is classified as usual.
   * @defaultValue none: the status alone decides
   */
  errorFromBody?: (reply: PanelHttpReply) => PanelError | null;
}

/** A reply, body as text. The interpreter only sees 2xx replies; `errorFromBody` sees the others. */
export interface PanelHttpReply {
  status: number;
  contentType: string;
  /** Response headers, names in lower case (a header sent twice is joined with ", "). */
  headers: Record<string, string>;
  body: string;
}

/** Turns a 2xx reply into a result, or throws a `PanelError` (or a `PanelReplyParseError`). */
export type ReplyInterpreter<T> = (reply: PanelHttpReply) => T;

/** How many characters of a body the call log keeps. */
const maxLoggedBody = 16_384;

/**
 * The HTTPS transport every adapter shares: one axios instance and one TLS agent per server, a total deadline
 * per call (connection included), status-level classification, and one redacted call-log entry per call.
 */
export class PanelHttpClient {
  private readonly http: AxiosInstance;
  private readonly timeoutMs: number;

  constructor(
    private readonly server: PanelServerConfig,
    agent: https.Agent,
    private readonly recorder: PanelCallRecorder | undefined,
    private readonly logger: PanelLogger,
  ) {
    this.timeoutMs = server.timeoutMs ?? defaultPanelTimeoutsMs[server.type];
    const host = server.hostname.includes(':') ? `[${server.hostname}]` : server.hostname;
    this.http = axios.create({
      baseURL: `https://${host}:${server.port}`,
      httpsAgent: agent,
      proxy: false,
      maxRedirects: 0,
      maxContentLength: 8 * 1024 * 1024,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
    });
  }

  /** Sends the request and interprets the reply; records the call either way. */
  async call<T>(req: PanelHttpRequest, interpret: ReplyInterpreter<T>, signal?: AbortSignal): Promise<T> {
    const label = `${this.server.type} server ${this.server.id} ${req.action}`;
    const options: PanelErrorOptions = { serverId: this.server.id, action: req.action };
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, this.timeoutMs);
    const forwardAbort = (): void => deadline.abort();
    signal?.addEventListener('abort', forwardAbort, { once: true });
    if (signal?.aborted) deadline.abort();

    const started = performance.now();
    let reply: PanelHttpReply;
    try {
      const res = await this.http.request<string>({
        method: req.method,
        url: req.path,
        params: req.query,
        data: req.body,
        headers: req.headers,
        signal: deadline.signal,
      });
      reply = {
        status: res.status,
        contentType: String(res.headers['content-type'] ?? ''),
        headers: headerRecord(res.headers),
        body: typeof res.data === 'string' ? res.data : '',
      };
    } catch (err) {
      const error = classifyTransportError(err, {
        mutating: req.mutating ?? false,
        timedOut,
        timeoutMs: this.timeoutMs,
        abortedByCaller: !timedOut && !!signal?.aborted,
        label,
        options,
      });
      await this.record(req, null, started, error);
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
    }

    try {
      const result = interpret(this.checkStatus(reply, req, label, options));
      await this.record(req, reply, started, null);
      return result;
    } catch (err) {
      const error = this.classifyReplyError(err, req, reply, label, options);
      await this.record(req, reply, started, error);
      throw error;
    }
  }

  /**
   * Errors that the status decides, after `errorFromBody` had its say: WHM and Plesk put application errors in
   * 200 bodies, DirectAdmin's JSON API in 4xx/5xx bodies.
   */
  private checkStatus(
    reply: PanelHttpReply,
    req: PanelHttpRequest,
    label: string,
    options: PanelErrorOptions,
  ): PanelHttpReply {
    const { status } = reply;
    if (status >= 200 && status < 300) return reply;
    if (req.errorFromBody) {
      let fromBody: PanelError | null = null;
      try {
        fromBody = req.errorFromBody(reply);
      } catch {
        // A body the panel's parser cannot read says nothing more than the status does.
      }
      if (fromBody) throw fromBody;
    }
    if (status >= 500 || status === 408 || status === 429) {
      const mayHaveRun = req.mutating && status >= 500;
      throw mayHaveRun
        ? new PanelOutcomeUnknownError(`${label}: HTTP ${status}; the change may or may not have been applied`, options)
        : new PanelTransientError(`${label}: HTTP ${status}`, options);
    }
    if (status === 401 || status === 403)
      throw new PanelAuthError(`${label}: HTTP ${status}: the panel refused the credentials or this client`, options);
    throw new PanelRejectedError(
      `${label}: unexpected HTTP ${status} (check the server's host name and port)`,
      options,
    );
  }

  private classifyReplyError(
    err: unknown,
    req: PanelHttpRequest,
    reply: PanelHttpReply,
    label: string,
    options: PanelErrorOptions,
  ): PanelError {
    if (err instanceof PanelError) return err;
    // A body that is not the panel's own answer (whatever else listens on that address) never reaches the error
    // text, which ends up in API responses and staff emails: only its status and shape do. The call log keeps it.
    const reason = err instanceof PanelReplyParseError ? err.message : 'unreadable reply';
    const shape = `HTTP ${reply.status}, ${reply.contentType.split(';')[0] || 'no content type'}, ${Buffer.byteLength(reply.body)} bytes`;
    const capped = { ...options, cause: err, maxAttempts: 3 };
    return req.mutating
      ? new PanelOutcomeUnknownError(
          `${label}: ${reason} (${shape}); the change may or may not have been applied`,
          capped,
        )
      : new PanelTransientError(`${label}: ${reason} (${shape})`, capped);
  }

  private async record(
    req: PanelHttpRequest,
    reply: PanelHttpReply | null,
    started: number,
    error: PanelError | null,
  ): Promise<void> {
    if (!this.recorder) return;
    const secrets = [this.server.secret];
    const query = req.query ? `?${new URLSearchParams(req.query).toString()}` : '';
    const headers = Object.entries(redactHeaders(req.headers ?? {}))
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n');
    const request = redactText(
      `${req.method} ${req.path}${query}\n${headers}\n\n${(req.body ?? '').slice(0, maxLoggedBody)}`,
      secrets,
    );
    try {
      await this.recorder.record({
        serverId: this.server.id,
        action: req.action,
        request,
        response: reply ? redactText(reply.body.slice(0, maxLoggedBody), secrets) : null,
        httpStatus: reply?.status ?? null,
        durationMs: Math.round(performance.now() - started),
        outcome: error === null ? 'ok' : error instanceof PanelOutcomeUnknownError ? 'unknown' : 'error',
        ...(error ? { error: error.message } : {}),
      });
    } catch (err) {
      this.logger.warn(
        { serverId: this.server.id, action: req.action, err: err instanceof Error ? err.message : String(err) },
        'panel call recorder failed; the call itself is unaffected',
      );
    }
  }
}

function headerRecord(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(text).join(', ') : text(value);
  }
  return out;
}
