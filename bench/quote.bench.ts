// `npm run bench:quote`: quotes per second of the pure quote() on one core, over a mixed set of inputs
// (product and cycle changes under each anchor policy, options-only changes of every option type, free
// and onetime services, end-of-term downgrades, promotions, one- and two-level tax, and a share of
// inputs that are refused). Also the rate with JSON parsing and printing, as `upshift quote` does it.
import { QuoteError } from '../src/domain/quote-error.js';
import { quote } from '../src/domain/quote/quote.js';
import type { QuoteInput } from '../src/domain/quote/quote-input.js';

const OPTIONS: QuoteInput['options'] = [
  {
    id: 7,
    name: 'Disk',
    type: 'quantity',
    min: 0,
    max: 100,
    pricing: { monthly: '4.00', quarterly: '11.50', annually: '44.00', onetime: '40.00' },
  },
  {
    id: 8,
    name: 'Backups',
    type: 'yesno',
    pricing: { monthly: '3.00', quarterly: '8.50', annually: '33.00', onetime: '30.00' },
  },
  {
    id: 9,
    name: 'Location',
    type: 'dropdown',
    allowDowngrade: false,
    choices: [
      { id: 91, name: 'EU', pricing: { monthly: '0.00', quarterly: '0.00', annually: '0.00', onetime: '0.00' } },
      { id: 92, name: 'US', pricing: { monthly: '1.50', quarterly: '4.00', annually: '15.00', onetime: '10.00' } },
    ],
  },
];

const PRODUCT_PRICES = {
  monthly: '25.00',
  quarterly: '70.00',
  annually: '250.00',
  triennially: '650.00',
  onetime: '300.00',
};

function input(overrides: Partial<QuoteInput>, asOf: string): QuoteInput {
  return {
    asOf,
    options: OPTIONS,
    current: {
      productId: 1,
      productName: 'Starter',
      billingCycle: 'monthly',
      nextDueDate: '2025-03-31',
      anchorDay: 31,
      recurringAmount: '10.00',
      options: [
        { optionId: 7, qty: 2 },
        { optionId: 9, choiceId: 91 },
      ],
    },
    target: { productId: 2, productName: 'Pro', productPricing: PRODUCT_PRICES },
    ...overrides,
  };
}

function scenarios(asOf: string): QuoteInput[] {
  const base = input({}, asOf);
  const current = base.current;
  return [
    base,
    input({ target: { productId: 2, billingCycle: 'annually', productPricing: PRODUCT_PRICES } }, asOf),
    input(
      {
        policy: { billingAnchor: 'reset' },
        target: { productId: 2, billingCycle: 'quarterly', productPricing: PRODUCT_PRICES },
      },
      asOf,
    ),
    input(
      {
        policy: { dayCount: 'fixed' },
        target: { productId: 2, productPricing: PRODUCT_PRICES, options: [{ optionId: 7, qty: 5 }] },
      },
      asOf,
    ),
    input(
      {
        target: {
          options: [
            { optionId: 7, qty: 6 },
            { optionId: 8, qty: 1 },
          ],
        },
        lifetimePromotion: { type: 'percent', value: '20' },
      },
      asOf,
    ),
    input({ target: { options: [{ optionId: 9, choiceId: 92 }] }, promotion: { type: 'fixed', value: '0.50' } }, asOf),
    input({ target: { options: [{ optionId: 7, qty: 1 }] }, policy: { downgradeTiming: 'end-of-term' } }, asOf),
    input(
      { target: { productId: 3, productPricing: { monthly: '5.00' } }, policy: { creditOnDowngrade: false } },
      asOf,
    ),
    input(
      {
        target: { productId: 2, productPricing: PRODUCT_PRICES },
        promotion: { type: 'percent', value: '10' },
        tax: {
          compound: true,
          rates: [
            { name: 'GST', rate: '5' },
            { name: 'PST', rate: '7.5' },
          ],
        },
      },
      asOf,
    ),
    input(
      {
        target: { productId: 2, productPricing: PRODUCT_PRICES },
        tax: { inclusive: true, rates: [{ name: 'VAT', rate: '20' }] },
      },
      asOf,
    ),
    input(
      {
        current: { ...current, billingCycle: 'free', nextDueDate: null, recurringAmount: '0.00' },
        target: { productId: 2, billingCycle: 'monthly', productPricing: PRODUCT_PRICES },
      },
      asOf,
    ),
    input(
      {
        current: { ...current, billingCycle: 'onetime', nextDueDate: null, recurringAmount: '200.00' },
        target: { productId: 2, billingCycle: 'onetime', productPricing: PRODUCT_PRICES },
      },
      asOf,
    ),
    input({ target: { productId: 2, billingCycle: 'onetime', productPricing: PRODUCT_PRICES } }, asOf),
    input(
      {
        currency: { code: 'JPY', decimals: 0 },
        current: { ...current, recurringAmount: '1000' },
        options: [],
        target: { productId: 2, productPricing: { monthly: '2500' } },
      },
      asOf,
    ),
    // Refused inputs: an unpriced cycle, an option downgrade that is not allowed, and nothing to change.
    input({ target: { productId: 2, billingCycle: 'biennially', productPricing: PRODUCT_PRICES } }, asOf),
    input(
      {
        current: { ...current, options: [{ optionId: 9, choiceId: 92 }] },
        target: { options: [{ optionId: 9, choiceId: 91 }] },
      },
      asOf,
    ),
    input({ target: {} }, asOf),
  ];
}

const inputs = ['2025-03-01', '2025-03-15', '2025-03-30', '2025-03-31'].flatMap(scenarios);

function runOnce(item: unknown): number {
  try {
    quote(item);
    return 1;
  } catch (error) {
    if (error instanceof QuoteError) return 0;
    throw error;
  }
}

/**
 * Runs `work` over `items` for `seconds` of this process's CPU time and returns the rate per CPU-second.
 * CPU time (process.cpuUsage) rather than wall time, so other processes on a shared machine do not
 * lower the figure; the process is single-threaded, so a CPU-second is one core.
 */
function measure(work: (item: unknown) => unknown, items: unknown[], seconds: number): number {
  for (let i = 0; i < 20_000; i++) work(items[i % items.length]);
  const budget = seconds * 1e6;
  const start = process.cpuUsage();
  let count = 0;
  let used = 0;
  while (used < budget) {
    for (let i = 0; i < 1000; i++) work(items[(count + i) % items.length]);
    count += 1000;
    const cpu = process.cpuUsage(start);
    used = cpu.user + cpu.system;
  }
  return Math.round((count * 1e6) / used);
}

/** The median of five runs, and the best, so one unlucky run (GC, a noisy neighbour) does not decide. */
function report(label: string, work: (item: unknown) => unknown, items: unknown[]): void {
  const runs = Array.from({ length: 5 }, () => measure(work, items, 1)).sort((a, b) => a - b);
  const format = (n: number): string => n.toLocaleString('en-US');
  process.stdout.write(
    `${label}: ${format(runs[2])} quotes/s median of 5 (best ${format(runs[4])}), per CPU-second on one core\n`,
  );
}

const accepted = inputs.reduce((sum, item) => sum + runOnce(item), 0);
process.stdout.write(
  `node ${process.version}, ${inputs.length} mixed inputs (${accepted} quoted, ${inputs.length - accepted} refused with a QuoteError)\n`,
);
report('quote()', runOnce, inputs);
const texts = inputs.map((item) => JSON.stringify(item));
report(
  'JSON.parse + quote() + JSON.stringify',
  (text) => {
    try {
      return JSON.stringify(quote(JSON.parse(text as string)));
    } catch (error) {
      if (error instanceof QuoteError) return JSON.stringify(error);
      throw error;
    }
  },
  texts,
);
