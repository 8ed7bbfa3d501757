import type { AppContext } from '../app-context.js';
import { loadServiceResource, type ServiceResource } from './service-resource.js';

export async function getService(ctx: AppContext, id: number): Promise<ServiceResource> {
  return loadServiceResource(ctx.ds.manager, id);
}
