// Reads V8 CPU profiles (`node --cpu-prof` writes them as .cpuprofile JSON) into self time per function and per
// package: where a process's CPU went, without opening DevTools.
import { fileURLToPath } from 'node:url';

/** The parts of a .cpuprofile this module reads. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }>;
  /** µs */
  startTime: number;
  /** µs */
  endTime: number;
  /** The node on top of the stack at each sample. */
  samples: number[];
  /** µs since the previous sample (the first: since `startTime`). */
  timeDeltas: number[];
}

/** One function's self time, all the call paths that reached it together. */
export interface ProfileFrame {
  functionName: string;
  /** Where it is: a path under the package root, `<package>/<path>` in node_modules, `node:…`, or '' (native). */
  location: string;
  /** 1-based, 0 when unknown. */
  line: number;
  group: string;
  selfMs: number;
}

/** Self time of one or more profiles, by function and by group. */
export interface ProfileSummary {
  /** The profiles' summed duration, ms. */
  totalMs: number;
  /** Of which V8 reported idle (waiting for I/O or timers), ms. */
  idleMs: number;
  /** totalMs − idleMs: the time the percentages are of. */
  busyMs: number;
  samples: number;
  /** Every function with self time, the most first. */
  frames: ProfileFrame[];
  /** Self time per group (package, Node internals, Upshift's code, GC, …), the most first; idle left out. */
  groups: Array<{ group: string; selfMs: number }>;
}

export const IDLE = '(idle)';
export const UPSHIFT = 'upshift src';

/**
 * Which part of the process a frame belongs to: V8's pseudo-frames (idle, GC, program), a package under
 * node_modules (scoped ones as `@scope/name`), Node's own JavaScript (`node:` URLs), Upshift's code (anything under
 * the package root outside node_modules: dist/src, dist/workers, bin), native code without a script.
 */
export function groupOf(callFrame: { functionName: string; url: string }, packageRoot: string): string {
  const { functionName, url } = callFrame;
  if (functionName === '(idle)') return IDLE;
  if (functionName === '(garbage collector)') return 'GC (garbage collector)';
  if (functionName === '(program)' || functionName === '(root)') return '(program): V8 and native code outside JS';
  if (url === '') return 'native (V8 builtins, Node bindings)';
  if (url.startsWith('node:')) return 'node: internals';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const at = path.lastIndexOf('/node_modules/');
  if (at >= 0) {
    const [first, second] = path.slice(at + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  if (path.startsWith(`${packageRoot.replace(/\/$/, '')}/`)) return UPSHIFT;
  return 'other scripts';
}

/** A frame's URL made short: relative to the package root, or to node_modules. */
function locationOf(url: string, packageRoot: string): string {
  if (url === '' || url.startsWith('node:')) return url;
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const at = path.lastIndexOf('/node_modules/');
  if (at >= 0) return path.slice(at + '/node_modules/'.length);
  const root = `${packageRoot.replace(/\/$/, '')}/`;
  return path.startsWith(root) ? path.slice(root.length) : path;
}

/** A stretch of the monotonic clock, µs (`process.hrtime`: on Linux the clock of V8's profile timestamps too). */
export interface ClockWindow {
  fromUs: number;
  toUs: number;
}

/**
 * Self time per function and per group over `profiles` (one per worker process). Each sample lasts until the
 * next one (the last until `endTime`), as DevTools counts it. With a `window`, only the time inside it counts: the
 * measured batch, without the process's start-up, warm-up and shutdown.
 * @throws Error when the window and a profile do not overlap (their clocks would not be the same)
 */
export function summarizeProfiles(
  profiles: readonly CpuProfile[],
  packageRoot: string,
  window?: ClockWindow,
): ProfileSummary {
  const frames = new Map<string, ProfileFrame>();
  let samples = 0;
  for (const profile of profiles) {
    const [from, to] = window ? [window.fromUs, window.toUs] : [-Infinity, Infinity];
    if (profile.endTime <= from || profile.startTime >= to)
      throw new Error(
        `the window ${from}–${to} µs is outside the profile's ${profile.startTime}–${profile.endTime} µs: not the same clock?`,
      );
    const selfUs = new Map<number, number>();
    let at = profile.startTime;
    const stamps = profile.timeDeltas.map((d) => (at += d));
    profile.samples.forEach((node, i) => {
      const until = Math.min(to, i + 1 < stamps.length ? stamps[i + 1] : profile.endTime);
      const since = Math.max(from, stamps[i]);
      if (until <= since) return;
      selfUs.set(node, (selfUs.get(node) ?? 0) + (until - since));
      samples += 1;
    });
    for (const node of profile.nodes) {
      const us = selfUs.get(node.id);
      if (!us) continue;
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      const key = `${functionName}\u0000${url}\u0000${lineNumber}\u0000${columnNumber}`;
      const frame = frames.get(key) ?? {
        functionName: functionName || '(anonymous)',
        location: locationOf(url, packageRoot),
        line: lineNumber >= 0 && url !== '' ? lineNumber + 1 : 0,
        group: groupOf(node.callFrame, packageRoot),
        selfMs: 0,
      };
      frame.selfMs += us / 1000;
      frames.set(key, frame);
    }
  }
  const all = [...frames.values()].sort((a, b) => b.selfMs - a.selfMs);
  const byGroup = new Map<string, number>();
  for (const f of all) byGroup.set(f.group, (byGroup.get(f.group) ?? 0) + f.selfMs);
  const totalMs = all.reduce((sum, f) => sum + f.selfMs, 0);
  const idleMs = byGroup.get(IDLE) ?? 0;
  byGroup.delete(IDLE);
  return {
    totalMs,
    idleMs,
    busyMs: totalMs - idleMs,
    samples,
    frames: all.filter((f) => f.group !== IDLE),
    groups: [...byGroup.entries()].map(([group, selfMs]) => ({ group, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

const ms = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const share = (n: number, of: number) => `${((100 * n) / Math.max(1e-9, of)).toFixed(1)}%`;
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** Self time by group and the `top` functions, as Markdown tables (percentages of busy time). */
export function renderProfileTables(s: ProfileSummary, top = 25): string {
  return [
    'Self time by package (percentages of the busy time):',
    '',
    '| where | self time (ms) | share |',
    '| --- | --- | --- |',
    ...s.groups.map((g) => `| ${cell(g.group)} | ${ms(g.selfMs)} | ${share(g.selfMs, s.busyMs)} |`),
    '',
    `The ${top} functions with the most self time:`,
    '',
    '| # | function | where | package | self time (ms) | share |',
    '| --- | --- | --- | --- | --- | --- |',
    ...s.frames
      .slice(0, top)
      .map(
        (f, i) =>
          `| ${i + 1} | \`${cell(f.functionName)}\` | ${f.location ? `${cell(f.location)}${f.line ? `:${f.line}` : ''}` : '—'} | ${cell(f.group)} | ${ms(f.selfMs)} | ${share(f.selfMs, s.busyMs)} |`,
      ),
  ].join('\n');
}
