// Loaded by mocha before any spec (see .mocharc.json). Billing dates must never depend on the machine's zone,
// so the suite runs in UTC unless a test deliberately changes it.
process.env.TZ = process.env.TZ ?? 'UTC';
process.env.NODE_ENV = process.env.NODE_ENV ?? 'test';
