import { expect } from 'chai';
import { displayUrl, startupNotices } from '../../../src/cli/startup-notices.js';
import { loadConfig } from '../../../src/config/load-config.js';

describe('upshift start: start-up notices and LOG_FORMAT', () => {
  const address = { address: '127.0.0.1', family: 'IPv4', port: 3000 };

  it('warns in one line when API_TOKENS is empty, and says where the API, /docs and /metrics are', () => {
    const notices = startupNotices(loadConfig({}), address);
    expect(notices.map((n) => n.level)).to.deep.equal(['warn', 'info']);
    expect(notices[0].msg).to.match(/^API_TOKENS is empty: every \/v1 request will be answered 401\./);
    expect(notices[0].msg).to.not.contain('\n');
    expect(notices[1].msg).to.equal(
      'upshift API ready: api http://127.0.0.1:3000, docs http://127.0.0.1:3000/docs, metrics http://127.0.0.1:3000/metrics',
    );
  });

  it('lists the dashboard only with DASHBOARD_PASSWORD, and no token warning with tokens', () => {
    const config = loadConfig({ API_TOKENS: 'storefront:sf-token-0123456789', DASHBOARD_PASSWORD: 'dash-pass-123' });
    const notices = startupNotices(config, { address: '0.0.0.0', family: 'IPv4', port: 8080 });
    expect(notices).to.have.length(1);
    expect(notices[0].fields).to.deep.equal({
      urls: {
        api: 'http://127.0.0.1:8080',
        docs: 'http://127.0.0.1:8080/docs',
        dashboard: 'http://127.0.0.1:8080/admin/queues',
        metrics: 'http://127.0.0.1:8080/metrics',
      },
    });
    expect(JSON.stringify(notices)).to.not.contain('dash-pass-123').and.not.contain('sf-token-0123456789');
  });

  it('a workers-only process gets no API line and no token warning', () => {
    expect(startupNotices(loadConfig({}), null)).to.deep.equal([]);
  });

  it('warns about a whsec_ WEBHOOK_SECRET that is not a Standard Webhooks secret, without printing it', () => {
    const typo = 'whsec_not-base64-at-all!';
    const notices = startupNotices(loadConfig({ WEBHOOK_SECRET: typo, API_TOKENS: 'a'.repeat(16) }), address);
    expect(notices.map((n) => n.fields.variable)).to.include('WEBHOOK_SECRET');
    expect(JSON.stringify(notices)).to.not.contain(typo);
    const good = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    expect(
      startupNotices(loadConfig({ WEBHOOK_SECRET: good, API_TOKENS: 'a'.repeat(16) }), address).map((n) => n.level),
    ).to.deep.equal(['info']);
  });

  it('shows wildcard and IPv6 hosts as URLs a person can open', () => {
    expect(displayUrl({ address: '::', family: 'IPv6', port: 3000 })).to.equal('http://[::1]:3000');
    expect(displayUrl({ address: '::1', family: 'IPv6', port: 3000 })).to.equal('http://[::1]:3000');
    expect(displayUrl(null)).to.equal(null);
  });

  it('LOG_FORMAT: json or pretty; by default pretty on a terminal, json otherwise; anything else stops start-up naming it', () => {
    expect(loadConfig({}, { stdoutIsTty: true }).logFormat).to.equal('pretty');
    expect(loadConfig({}, { stdoutIsTty: false }).logFormat).to.equal('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, { stdoutIsTty: true }).logFormat).to.equal('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, { stdoutIsTty: false }).logFormat).to.equal('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).to.throw(/^LOG_FORMAT: expected one of json, pretty, got 'text'$/);
  });
});
