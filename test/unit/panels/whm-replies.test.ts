import { expect } from 'chai';
import { PanelReplyParseError } from '../../../src/panels/panel-errors.js';
import {
  readWhmAccount,
  readWhmPackages,
  unwrapWhmReply,
  type WhmCallContext,
} from '../../../src/panels/cpanel/whm-replies.js';
import { PanelError, PanelNotFoundError } from '../../../src/panels/panel-errors.js';

const ctx: WhmCallContext = {
  label: 'cpanel server 1 changepackage',
  user: 'bob',
  pkg: 'gold',
  options: { serverId: 1, action: 'changepackage' },
};
const failure = (reason: string) =>
  JSON.stringify({ metadata: { command: 'changepackage', version: 1, result: 0, reason } });

function classify(body: string): PanelError {
  try {
    unwrapWhmReply(body, ctx);
  } catch (err) {
    if (err instanceof PanelError) return err;
    throw err;
  }
  throw new Error('no error thrown');
}

describe('WHM API 1 replies', () => {
  it('sorts failure reasons (HTTP 200, result 0) into the retry table, by substring', () => {
    const table: Array<[string, string, boolean]> = [
      ['API failure: (XID k3x9qd) Sorry, the user nosuch does not exist', 'not_found', false],
      ['Account does not exist.', 'not_found', false],
      ['API failure: (XID aaaaaa) Specified package does not exist.', 'not_found', false],
      [
        'API failure: (XID aaaaaa) Umm.. what are you trying to pull here..\nYou do not own the user bob\n',
        'permission',
        false,
      ],
      ['Access denied', 'permission', false],
      [
        'API failure: (XID aaaaaa) Sorry you may not create any more accounts with the package gold.',
        'rejected',
        false,
      ],
      ['API failure: (XID aaaaaa) Provide the “user” parameter.', 'rejected', false],
      ['API failure: (XID aaaaaa) The value of “pkg” may not be empty.', 'rejected', false],
      ['API failure: (XID aaaaaa) Internal Error, this user has no cPanel users configuration file', 'transient', true],
    ];
    for (const [reason, kind, retryable] of table) {
      const err = classify(failure(reason));
      expect(err.kind, reason).to.equal(kind);
      expect(err.retry.kind !== 'never', reason).to.equal(retryable);
      expect(err.message, reason).to.contain('cpanel server 1 changepackage: ');
      expect(err.serverId).to.equal(1);
    }
    const pkg = classify(failure('Specified package does not exist.')) as PanelNotFoundError;
    expect([pkg.what, pkg.objectName]).to.deep.equal(['package', 'gold']);
    const acct = classify(failure('Sorry, the user bob does not exist')) as PanelNotFoundError;
    expect([acct.what, acct.objectName]).to.deep.equal(['account', 'bob']);
    expect(classify(failure('Internal Error')).maxAttempts).to.equal(3);
  });

  it("treats cpsrvd's login page (HTTP 200) as bad credentials, and other HTML as unreadable", () => {
    const page =
      '<!DOCTYPE html><html lang="en"><head><title>WHM Login</title></head><body><form action="/login/" method="POST" id="login_form"></form></body></html>';
    const err = classify(page);
    expect(err.kind).to.equal('auth');
    expect(err.retry).to.deep.equal({ kind: 'never' });
    expect(err.message).to.match(/WHM answered with its login page/);
    expect(classify('<html><form action="/login/" method="POST"><input type="password"></form></html>').kind).to.equal(
      'auth',
    );
    expect(() => unwrapWhmReply('<html><body><h1>Bad Gateway</h1></body></html>', ctx)).to.throw(PanelReplyParseError);
  });

  it('treats the cpanelresult "Access denied" envelope as bad credentials', () => {
    const err = classify(
      JSON.stringify({
        cpanelresult: {
          apiversion: '2',
          error: 'Access denied',
          data: { reason: 'Access denied', result: '0' },
          type: 'text',
        },
      }),
    );
    expect(err.kind).to.equal('auth');
  });

  it('reports bodies that are not the API 1 envelope as parse errors', () => {
    expect(() => unwrapWhmReply('<html>oops</html>', ctx)).to.throw(PanelReplyParseError);
    expect(() => unwrapWhmReply(JSON.stringify({ result: [{ status: 1 }] }), ctx)).to.throw(
      PanelReplyParseError,
      /metadata/,
    );
  });

  it('reads plan, owner and suspension of accountsummary; is_locked is a suspension only root may lift, not a busy account', () => {
    expect(
      readWhmAccount(
        {
          acct: [
            {
              user: 'bob',
              plan: 'reseller_gold',
              owner: 'reseller',
              suspended: 1,
              suspendreason: 'unpaid',
              is_locked: 0,
            },
          ],
        },
        ctx,
      ),
    ).to.deep.equal({
      user: 'bob',
      package: 'reseller_gold',
      suspended: true,
      suspendedReason: 'unpaid',
      kind: 'user',
      owner: 'reseller',
    });
    expect(
      readWhmAccount(
        { acct: [{ plan: 'gold', owner: 'root', suspended: 1, suspendreason: 'abuse', is_locked: 1 }] },
        ctx,
      ),
    ).to.deep.equal({
      user: 'bob',
      package: 'gold',
      suspended: true,
      suspensionLocked: true,
      suspendedReason: 'abuse',
      kind: 'user',
      owner: 'root',
    });
    expect(
      readWhmAccount(
        { acct: [{ plan: 'gold', owner: 'root', suspended: 0, suspendreason: 'not suspended', is_locked: 0 }] },
        ctx,
      ),
    ).to.deep.equal({
      user: 'bob',
      package: 'gold',
      suspended: false,
      kind: 'user',
      owner: 'root',
    });
    expect(() => readWhmAccount({ acct: [] }, ctx)).to.throw(PanelNotFoundError);
  });

  it('reads listpkgs names from data.pkg', () => {
    expect(readWhmPackages({ pkg: [{ name: 'a' }, { name: 'b_c' }] })).to.deep.equal(['a', 'b_c']);
    expect(() => readWhmPackages({ package: [{ name: 'a' }] })).to.throw(PanelReplyParseError);
  });
});
