import type { AppContext } from '../app-context.js';
import { loadServiceView } from './load-service-view.js';
import { toServiceView, type ServiceView } from './service-view.js';

export async function getService(ctx: AppContext, id: number): Promise<ServiceView> {
  const { service, options } = await loadServiceView(ctx.ds.manager, id);
  return toServiceView(service, options);
}
