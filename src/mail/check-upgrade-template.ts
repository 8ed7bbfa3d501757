import { EmailTemplateError } from './mail-errors.js';
import type { EmailTemplateVars } from './email-templates.js';
import { defaultTemplatesDir, TemplateRenderer } from './template-renderer.js';

/** Variables the completion email is rendered with, with made-up values: enough to render any template once. */
const SAMPLE: EmailTemplateVars['upgrade-completed'] = {
  clientName: 'Sample Client',
  serviceDomain: 'example.test',
  oldProduct: 'Starter',
  newProduct: 'Pro',
  oldCycle: 'Monthly',
  newCycle: 'Monthly',
  currency: 'USD',
  upgradeId: 1,
  newRecurringAmount: '25.00',
  nextDueDate: '2030-01-01',
  amountPaid: '10.00',
  invoiceId: 1,
};

/** One renderer per templates folder: templates are compiled once per process. */
const renderers = new Map<string, TemplateRenderer>();

/**
 * Renders template `name` with the variables a product's completion email gets (DESIGN §6 `upgradeEmailTemplate`), so
 * a product cannot name a template that is missing or uses a variable the pipeline does not pass: such a product
 * would leave every one of its upgrades short of `completed`. Returns what is wrong, or null when it renders.
 */
export async function checkUpgradeTemplate(name: string, templatesDir = defaultTemplatesDir()): Promise<string | null> {
  let renderer = renderers.get(templatesDir);
  if (!renderer) renderers.set(templatesDir, (renderer = new TemplateRenderer({ templatesDir })));
  try {
    await renderer.render(name, SAMPLE);
    return null;
  } catch (err) {
    if (err instanceof EmailTemplateError) return err.message;
    throw err;
  }
}
