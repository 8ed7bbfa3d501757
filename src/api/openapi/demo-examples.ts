import type { OperationExample } from './build-openapi-document.js';

/** Placeholder until recorded. */
export const DEMO_EXAMPLES: Record<string, OperationExample> = {};
