import { expect } from 'chai';
import { PanelInputError } from '../../../src/panels/panel-errors.js';
import { normalizeFingerprint } from '../../../src/panels/tls/normalize-fingerprint.js';
import {
  createPanelAdapter,
  validatePanelServerConfig,
  type PanelServerConfig,
} from '../../../src/panels/panel-server-config.js';

const valid: PanelServerConfig = {
  id: 7,
  type: 'cpanel',
  hostname: 'srv1.example.com',
  port: 2087,
  username: 'root',
  secret: 'TOPSECRET-TOKEN-123',
  tls: { verify: true },
  maxConcurrency: 2,
};

function errorFor(patch: Record<string, unknown>): string {
  try {
    validatePanelServerConfig({ ...valid, ...patch });
  } catch (err) {
    expect(err).to.be.instanceOf(PanelInputError);
    return (err as Error).message;
  }
  throw new Error('accepted');
}

describe('panel server config', () => {
  it('accepts a valid config and normalizes the pin', () => {
    const pin = 'ab'.repeat(32);
    const config = validatePanelServerConfig({ ...valid, tls: { verify: true, fingerprint: pin } });
    expect(config.tls.fingerprint)
      .to.equal(normalizeFingerprint(pin))
      .and.match(/^AB(:AB){31}$/);
  });

  it('names the bad field and never quotes the secret', () => {
    expect(errorFor({ port: 70000 })).to.match(/^server\.port: /);
    expect(errorFor({ type: 'cpanel11' })).to.match(/^server\.type: /);
    expect(errorFor({ hostname: 'https://srv1.example.com/' })).to.match(/^server\.hostname: must be a host name/);
    expect(errorFor({ maxConcurrency: 0 })).to.match(/^server\.maxConcurrency: /);
    expect(errorFor({ secret: '' })).to.equal('server.secret: must not be empty');
    expect(errorFor({ secret: 42 }))
      .to.match(/^server\.secret: /)
      .and.not.include('42');
    expect(errorFor({ tls: { verify: 'yes' } })).to.match(/^server\.tls\.verify: /);
    expect(errorFor({ tls: { verify: true, caCert: 'not a pem' } })).to.equal(
      'server.tls.caCert: must be a PEM certificate',
    );
    expect(errorFor({ tls: { verify: true, fingerprint: 'abc' } })).to.match(
      /^server\.tls\.fingerprint: must be a SHA-256 fingerprint/,
    );
    expect(errorFor({ username: '' })).to.match(/^server\.username: must not be empty/);
    expect(errorFor({ extra: 1 })).to.match(/^server: Unrecognized key/);
    for (const patch of [{ port: 0 }, { hostname: '' }, { tls: { verify: 1 } }])
      expect(errorFor({ ...patch, secret: 'LEAKME-9' })).not.to.include('LEAKME-9');
  });

  it('allows an empty username for Plesk (KEY authentication) only', () => {
    expect(validatePanelServerConfig({ ...valid, type: 'plesk', username: '' }).username).to.equal('');
  });

  it('refuses to build an adapter from a bad config', () => {
    expect(() => createPanelAdapter({ ...valid, port: -1 })).to.throw(PanelInputError, /server\.port/);
  });
});
