import { expect } from 'chai';
import { main } from '../../src/cli/main.js';

describe('upshift CLI dispatch', () => {
  it('exits 1 for an unknown command', async () => {
    const write = process.stderr.write.bind(process.stderr);
    let err = '';
    process.stderr.write = (s: string) => {
      err += s;
      return true;
    };
    try {
      expect(await main(['no-such-command'])).to.equal(1);
    } finally {
      process.stderr.write = write;
    }
    expect(err).to.contain("unknown command 'no-such-command'");
  });
});
