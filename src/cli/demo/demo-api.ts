/** A tiny JSON client for the demo's own API (the same calls a billing front-end makes). */
export class DemoApi {
  constructor(private readonly base: string, private readonly token: string) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, expect = [200, 201, 202]): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json() as T;
    if (!expect.includes(res.status)) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  }
}
