import type { AppContext } from '../app-context.js';
import { loadServiceView } from './load-service-view.js';
import { toServiceResource, type ServiceResource } from './service-resource.js';

export async function getService(ctx: AppContext, id: number): Promise<ServiceResource> {
  return toServiceResource(await loadServiceView(ctx.ds.manager, id));
}
