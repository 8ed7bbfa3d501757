import { expect } from 'chai';
import { PanelError, PanelNotFoundError } from '../../../src/panels/panel-errors.js';
import { PanelReplyParseError } from '../../../src/panels/panel-errors.js';
import {
  assertResultOk,
  pleskResults,
  readPleskPlan,
  readPleskReseller,
  readPleskSubscription,
  type PleskCallContext,
} from '../../../src/panels/plesk/plesk-replies.js';

const ctx: PleskCallContext = {
  label: 'plesk server 2 webspace.get',
  subject: { what: 'account', name: 'example.com' },
  options: { serverId: 2, action: 'webspace.get' },
};
const system = (code: string, text: string) =>
  `<?xml version="1.0"?><packet version="1.6.3.0"><system><status>error</status><errcode>${code}</errcode><errtext>${text}</errtext></system></packet>`;
const result = (inner: string) => `<packet><webspace><get><result>${inner}</result></get></webspace></packet>`;

function classify(body: string): PanelError {
  try {
    assertResultOk(pleskResults(body, 'webspace', 'get', ctx)[0], ctx);
  } catch (err) {
    if (err instanceof PanelError) return err;
    throw err;
  }
  throw new Error('no error thrown');
}

describe('Plesk XML API replies', () => {
  it('sorts <system> and <result> error codes into the retry table', () => {
    const table: Array<[string, string, boolean]> = [
      [system('1001', 'Authentication failed - wrong password.'), 'auth', false],
      [system('11003', 'Secret key validation failed.'), 'auth', false],
      [system('1029', 'Unknown authentication method.'), 'auth', false],
      [system('1014', 'Parser error: Request is invalid.'), 'rejected', false],
      [system('1005', 'XML API protocol version not supported.'), 'rejected', false],
      [
        result('<status>error</status><errcode>1006</errcode><errtext>Permission denied.</errtext>'),
        'permission',
        false,
      ],
      [result('<status>error</status><errcode>1013</errcode><errtext>Object not found.</errtext>'), 'not_found', false],
      [result('<status>error</status><errcode>1030</errcode><errtext>License expired.</errtext>'), 'rejected', false],
      [
        result('<status>error</status><errcode>1003</errcode><errtext>Agent initialization failed.</errtext>'),
        'transient',
        true,
      ],
      [result('<status>error</status><errcode>1023</errcode><errtext>Operation failed.</errtext>'), 'transient', true],
    ];
    for (const [body, kind, retryable] of table) {
      const err = classify(body);
      expect(err.kind, body).to.equal(kind);
      expect(err.retry.kind !== 'never', body).to.equal(retryable);
    }
    const missing = classify(
      result('<status>error</status><errcode>1013</errcode><errtext>Object not found.</errtext>'),
    ) as PanelNotFoundError;
    expect([missing.what, missing.objectName]).to.deep.equal(['account', 'example.com']);
    expect(classify(result('<status>error</status><errcode>1023</errcode><errtext>x</errtext>')).maxAttempts).to.equal(
      3,
    );
  });

  it('reports bodies that are not a Plesk packet as parse errors', () => {
    expect(() => pleskResults('<html><body>502</body></html>', 'webspace', 'get', ctx)).to.throw(
      PanelReplyParseError,
      /not <packet>/,
    );
    expect(() => pleskResults('<packet><webspace><get/></webspace></packet>', 'webspace', 'get', ctx)).to.throw(
      PanelReplyParseError,
      /no webspace\/get\/result/,
    );
    expect(
      pleskResults('<packet><service-plan><get/></service-plan></packet>', 'service-plan', 'get', ctx, true),
    ).to.deep.equal([]);
    expect(() => pleskResults('{"json": true}', 'webspace', 'get', ctx)).to.throw(PanelReplyParseError, /not XML/);
  });

  it('reads the status and every plan-guid (service plan and add-ons) of a subscription', () => {
    const body =
      result(`<status>ok</status><id>5</id><data><gen_info><name>example.com</name><status>16</status></gen_info>
      <subscriptions><subscription><locked>false</locked><plan><plan-guid>b9808ead</plan-guid></plan><plan><plan-guid>f42428e7</plan-guid></plan></subscription></subscriptions></data>`);
    expect(readPleskSubscription(pleskResults(body, 'webspace', 'get', ctx)[0])).to.deep.equal({
      id: '5',
      status: 16,
      planGuids: ['b9808ead', 'f42428e7'],
    });
  });

  it("reads plans with their owner's login (null when the reply leaves it out), and a reseller's plan GUIDs", () => {
    const plans = pleskResults(
      `<packet><service-plan><get>
      <result><status>ok</status><id>1</id><name>Pro</name><guid>g-admin</guid><external-id/><owner-login>admin</owner-login></result>
      <result><status>ok</status><id>7</id><name>Pro</name><guid>g-res1</guid><external-id/><owner-login>res1</owner-login></result>
      <result><status>ok</status><id>9</id><name>Old</name><guid>g-old</guid></result></get></service-plan></packet>`,
      'service-plan',
      'get',
      ctx,
      true,
    ).map(readPleskPlan);
    expect(plans).to.deep.equal([
      { name: 'Pro', guid: 'g-admin', owner: 'admin' },
      { name: 'Pro', guid: 'g-res1', owner: 'res1' },
      { name: 'Old', guid: 'g-old', owner: null },
    ]);
    const reseller = pleskResults(
      `<packet><reseller><get><result><status>ok</status><id>12</id><data><gen-info><login>res1</login><status>16</status></gen-info>
      <subscriptions><subscription><plan><plan-guid>rp-1</plan-guid></plan></subscription></subscriptions></data></result></get></reseller></packet>`,
      'reseller',
      'get',
      ctx,
    )[0];
    expect(readPleskReseller(reseller)).to.deep.equal({ id: '12', status: 16, planGuids: ['rp-1'] });
  });
});
