import { z } from 'zod';
import { positiveId } from './fields.js';
import { MAX_OPTION_QTY } from '../../domain/option-quantity.js';
import { reportDuplicates } from './fields.js';
import { pricingByCurrency } from './pricing.js';
import { panelType } from './server-body.js';

export const OPTION_TYPES = ['dropdown', 'radio', 'yesno', 'quantity'] as const;

const choiceBody = z.strictObject({
  name: z.string().min(1).max(255),
  pricing: pricingByCurrency,
});

/** A new configurable option (DESIGN §3 definitions, with prices keyed by currency, then cycle). */
const newOptionBody = z
  .strictObject({
    name: z.string().min(1).max(255),
    type: z.enum(OPTION_TYPES, { error: `must be one of ${OPTION_TYPES.join(', ')}` }),
    /** Quantity options only. @defaultValue 0 */
    min: z.number().int().min(0).max(MAX_OPTION_QTY).optional(),
    /** Quantity options only; at most 1 000 000, the largest quantity a service may hold. @defaultValue no limit */
    max: z.number().int().min(0).max(MAX_OPTION_QTY).optional(),
    /** @defaultValue true */
    allowDowngrade: z.boolean().default(true),
    /** Unit price (yesno, quantity). */
    pricing: pricingByCurrency.optional(),
    /** dropdown, radio. */
    choices: z.array(choiceBody).min(1, 'needs at least one choice').max(100).optional(),
  })
  .superRefine((o, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const hasChoices = o.type === 'dropdown' || o.type === 'radio';
    if (hasChoices && o.choices === undefined) issue('choices', `is required for a ${o.type} option`);
    if (hasChoices && o.pricing !== undefined)
      issue('pricing', `must be left out for a ${o.type} option: each choice has its own pricing`);
    if (!hasChoices && o.pricing === undefined) issue('pricing', `is required for a ${o.type} option (the unit price)`);
    if (!hasChoices && o.choices !== undefined) issue('choices', `must be left out for a ${o.type} option`);
    if (o.type !== 'quantity') {
      if (o.min !== undefined) issue('min', 'applies to quantity options only');
      if (o.max !== undefined) issue('max', 'applies to quantity options only');
    } else if (o.min !== undefined && o.max !== undefined && o.min > o.max) {
      issue('max', 'must not be less than min');
    }
  });

/** An existing (shared) option, linked by id. */
const linkOptionBody = z.strictObject({ id: positiveId });

/** `POST /v1/products` (DESIGN §4). */
export const createProductBody = z
  .strictObject({
    name: z.string().min(1).max(255),
    /** The control panel that provisions it; null for products without a panel. @defaultValue null */
    module: panelType.nullable().default(null),
    /** Default server of new services. @defaultValue null */
    serverId: positiveId.nullable().default(null),
    /** The panel's package (plan) name; required with a module. @defaultValue null */
    panelPackage: z.string().min(1).max(255).nullable().default(null),
    /** @defaultValue {} */
    pricing: pricingByCurrency.default({}),
    /** @defaultValue [] */
    configOptions: z
      .array(z.union([linkOptionBody, newOptionBody]))
      .max(100)
      .default([]),
    /** Products a client may move to. @defaultValue [] */
    upgradeTargets: z.array(positiveId).max(500).default([]),
    /** @defaultValue false */
    allowOptionUpgrades: z.boolean().default(false),
    /** Folder under templates/email/. @defaultValue `upgrade-completed` */
    upgradeEmailTemplate: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'must be a template name such as upgrade-completed')
      .default('upgrade-completed'),
    /** @defaultValue true */
    taxable: z.boolean().default(true),
  })
  .superRefine((p, ctx) => {
    if (p.module !== null && p.panelPackage === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['panelPackage'],
        message: 'is required when module is set (ChangePackage needs it)',
      });
    }
    reportDuplicates(p.upgradeTargets, 'upgradeTargets', ctx);
    reportDuplicates(
      p.configOptions.map((o) => ('id' in o ? o.id : null)),
      'configOptions',
      ctx,
      'id',
    );
  });
