import type { AppContext } from '../../../src/app/app-context.js';
import { placeUpgrade } from '../../../src/app/upgrades/place-upgrade.js';
import { recordPayment } from '../../../src/app/payments/record-payment.js';

/** How a run's "billing front-end" places orders and reports payments. */
export interface UpgradeClient {
  /** Orders the upgrade of `serviceId` to `productId` (as the client); resolves to the upgrade id. */
  placeUpgrade(serviceId: number, productId: number): Promise<number>;
  /** Reports a gateway payment of `amount` on the invoice. */
  pay(invoiceId: number, amount: string, transactionId: string): Promise<void>;
}

/** Calls the use cases in this process, as the API's route handlers do (no HTTP). */
export function useCaseClient(ctx: AppContext): UpgradeClient {
  return {
    placeUpgrade: async (serviceId, productId) =>
      (await placeUpgrade(ctx, serviceId, { productId, actor: 'client' }, { role: 'storefront' })).upgradeId,
    pay: async (invoiceId, amount, transactionId) => {
      await recordPayment(ctx, invoiceId, { amount, gateway: 'bench', transactionId });
    },
  };
}

/** One answer of the API: status, parsed JSON body, and whether it replays an earlier answer (Idempotency-Key). */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
  replayed: boolean;
}

/** An HTTP error answer of the API. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * Calls the HTTP API like a careful front-end: every creating POST carries an `Idempotency-Key`, so a retry after
 * a 5xx or a dropped connection cannot create a second order or payment.
 */
export function httpClient(
  baseUrl: string,
  token: string,
): UpgradeClient & { post(path: string, body: unknown, key?: string): Promise<ApiAnswer> } {
  const post = async (path: string, body: unknown, key?: string) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = { raw: text };
    }
    return { status: res.status, body: parsed, replayed: res.headers.get('idempotent-replayed') === 'true' };
  };
  const expect2xx = (res: ApiAnswer, what: string) => {
    if (res.status >= 300) {
      const error = (res.body.error ?? {}) as { code?: string; message?: string };
      throw new ApiCallError(
        res.status,
        error.code ?? 'unknown',
        `${what}: HTTP ${res.status} ${error.code ?? ''} ${error.message ?? JSON.stringify(res.body)}`,
      );
    }
    return res.body;
  };
  return {
    post,
    placeUpgrade: async (serviceId, productId) =>
      Number(
        expect2xx(
          await post(
            `/v1/services/${serviceId}/upgrades`,
            { productId, actor: 'client' },
            `order-s${serviceId}-p${productId}`,
          ),
          'order',
        ).upgradeId,
      ),
    pay: async (invoiceId, amount, transactionId) => {
      expect2xx(
        await post(
          `/v1/invoices/${invoiceId}/payments`,
          { amount, gateway: 'bench', transactionId },
          `pay-${transactionId}`,
        ),
        'payment',
      );
    },
  };
}
