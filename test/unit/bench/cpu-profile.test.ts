import { expect } from 'chai';
import {
  groupOf,
  renderProfileTables,
  summarizeProfiles,
  type CpuProfile,
} from '../../../bench/support/cpu-profile.js';

const ROOT = '/srv/upshift';
const frame = (functionName: string, url: string, lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
  columnNumber: 0,
});

/** Root → idle, GC, a mysql2 function (twice, on two call paths), a Node internal and Upshift's own code. */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '') },
    { id: 2, callFrame: frame('(idle)', '') },
    { id: 3, callFrame: frame('(garbage collector)', '') },
    { id: 4, callFrame: frame('parseRow', `file://${ROOT}/node_modules/mysql2/lib/parser.js`, 41) },
    { id: 5, callFrame: frame('parseRow', `file://${ROOT}/node_modules/mysql2/lib/parser.js`, 41) },
    { id: 6, callFrame: frame('writeGeneric', 'node:internal/stream_base_commons', 150) },
    { id: 7, callFrame: frame('', `file://${ROOT}/dist/src/app/quote.js`, 9) },
  ],
  startTime: 0,
  endTime: 10_000,
  // Each sample lasts until the next: 2 ms idle, 1 ms GC, 3 ms mysql2 (1 + 2), 1 ms node:, 3 ms Upshift (to the end).
  samples: [2, 3, 4, 6, 5, 7],
  timeDeltas: [0, 2_000, 1_000, 1_000, 1_000, 2_000],
};

describe('bench CPU profile summary', () => {
  it('adds self time per function across call paths and per group, idle apart', () => {
    const s = summarizeProfiles([profile], ROOT);
    expect(s.totalMs).to.equal(10);
    expect(s.idleMs).to.equal(2);
    expect(s.busyMs).to.equal(8);
    expect(s.samples).to.equal(6);
    expect(s.frames.map((f) => [f.functionName, f.selfMs])).to.deep.equal([
      ['parseRow', 3],
      ['(anonymous)', 3],
      ['(garbage collector)', 1],
      ['writeGeneric', 1],
    ]);
    expect(s.frames[0]).to.include({ location: 'mysql2/lib/parser.js', line: 42, group: 'mysql2' });
    expect(s.frames[1]).to.include({ location: 'dist/src/app/quote.js', group: 'upshift src' });
    expect(Object.fromEntries(s.groups.map((g) => [g.group, g.selfMs]))).to.deep.equal({
      mysql2: 3,
      'upshift src': 3,
      'GC (garbage collector)': 1,
      'node: internals': 1,
    });
  });

  it('adds several profiles (one per worker process) together', () => {
    const s = summarizeProfiles([profile, profile], ROOT);
    expect(s.busyMs).to.equal(16);
    expect(s.frames[0].selfMs).to.equal(6);
  });

  it('groups scoped packages, the last node_modules of a path, natives and scripts elsewhere', () => {
    expect(groupOf(frame('f', 'file:///x/node_modules/@fastify/ajv/index.js'), ROOT)).to.equal('@fastify/ajv');
    expect(groupOf(frame('f', 'file:///x/node_modules/a/node_modules/b/i.js'), ROOT)).to.equal('b');
    expect(groupOf(frame('now', ''), ROOT)).to.equal('native (V8 builtins, Node bindings)');
    expect(groupOf(frame('(program)', ''), ROOT)).to.match(/^\(program\)/);
    expect(groupOf(frame('f', 'file:///elsewhere/x.js'), ROOT)).to.equal('other scripts');
    expect(groupOf(frame('f', `file://${ROOT}/bin/upshift.js`), ROOT)).to.equal('upshift src');
  });

  it('counts only the time inside a window of the same clock, cutting the samples at its edges', () => {
    // 2.5–6 ms: half of the GC sample, the first mysql2 sample, the node: sample, half of the second mysql2 one.
    const s = summarizeProfiles([profile], ROOT, { fromUs: 2_500, toUs: 6_000 });
    expect(s.totalMs).to.equal(3.5);
    expect(s.samples).to.equal(4);
    expect(Object.fromEntries(s.frames.map((f) => [f.functionName, f.selfMs]))).to.deep.equal({
      parseRow: 2,
      writeGeneric: 1,
      '(garbage collector)': 0.5,
    });
    expect(() => summarizeProfiles([profile], ROOT, { fromUs: 20_000, toUs: 30_000 })).to.throw(/not the same clock/);
  });

  it('renders both tables as Markdown with shares of the busy time', () => {
    const md = renderProfileTables(summarizeProfiles([profile], ROOT), 2);
    expect(md).to.contain('| mysql2 | 3 | 37.5% |');
    expect(md).to.contain('| 1 | `parseRow` | mysql2/lib/parser.js:42 | mysql2 | 3 | 37.5% |');
    expect(md).not.to.contain('writeGeneric'); // only the top 2
  });
});
