/**
 * Polls `check` every 10 ms until it holds. `ms` is a hang guard that fails the test with `what`, not a timing
 * assertion.
 */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
