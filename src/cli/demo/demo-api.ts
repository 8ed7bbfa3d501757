/** One request the demo made and the answer it got, as sent and received. */
export interface DemoExchange {
  method: string;
  path: string;
  status: number;
  request?: unknown;
  response: unknown;
}

/** A tiny JSON client for the demo's own API (the same calls a billing front-end makes). */
export class DemoApi {
  /** Every request made so far, in order (`upshift demo --record-examples` turns them into the reference's examples). */
  readonly exchanges: DemoExchange[] = [];

  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    expect = [200, 201, 202],
    headers: Record<string, string> = {},
  ): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    this.exchanges.push({
      method,
      path,
      status: res.status,
      ...(body === undefined ? {} : { request: body }),
      response: json,
    });
    if (!expect.includes(res.status))
      throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  }
}
