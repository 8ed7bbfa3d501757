import { expect } from 'chai';
import {
  daErrorOf,
  readDaAccount,
  readDaPackages,
  readDaReply,
  type DaCallContext,
  type DaHttpReply,
} from '../../../src/panels/directadmin/da-replies.js';
import { PanelBlacklistedError, PanelError, PanelNotFoundError } from '../../../src/panels/panel-errors.js';
import { PanelReplyParseError } from '../../../src/panels/panel-errors.js';

const ctx: DaCallContext = {
  label: 'directadmin server 3 CMD_API_MODIFY_USER',
  user: 'bob',
  pkg: 'gold',
  options: { serverId: 3 },
};
const reply = (body: string, contentType = 'text/plain', headers: Record<string, string> = {}): DaHttpReply => ({
  body,
  contentType,
  headers,
});

function classify(r: DaHttpReply): PanelError {
  try {
    readDaReply(r, ctx);
  } catch (err) {
    if (err instanceof PanelError) return err;
    throw err;
  }
  throw new Error('no error thrown');
}

describe('DirectAdmin replies', () => {
  it('sorts errors by body and header, in both encodings', () => {
    const table: Array<[DaHttpReply, string, boolean]> = [
      [reply('<!doctype html><html><title>DirectAdmin Login</title></html>', 'text/html'), 'auth', false],
      [reply('<html><body><form action="/CMD_LOGIN"></form></body></html>', 'text/html'), 'auth', false],
      [reply('', 'text/plain', { 'x-directadmin': 'Unauthorized' }), 'auth', false],
      [
        reply("The request you've made cannot be executed because it does not exist in your authority level"),
        'permission',
        false,
      ],
      [reply('{"error":"You cannot execute that command","result":""}', 'application/json'), 'permission', false],
      [reply('error=1&text=Cannot+Modify+User&details=User+bob+does+not+exist'), 'not_found', false],
      [
        reply('{"error":"Cannot Modify User","result":"Package gold does not exist"}', 'application/json'),
        'not_found',
        false,
      ],
      [reply('License check failure'), 'rejected', false],
      [reply('error=1&text=Cannot+Modify+User&details=User+bob+is+being+modified+by+another+task'), 'transient', true],
      [reply('{"error":"Error","result":"task.queue is busy"}', 'application/json'), 'transient', true],
    ];
    for (const [r, kind, retryable] of table) {
      const err = classify(r);
      expect(err.kind, r.body).to.equal(kind);
      expect(err.retry.kind !== 'never', r.body).to.equal(retryable);
    }
    expect((classify(reply('error=1&text=x&details=Package+gold+does+not+exist')) as PanelNotFoundError).what).to.equal(
      'package',
    );
    expect((classify(reply('error=1&text=x&details=User+bob+does+not+exist')) as PanelNotFoundError).what).to.equal(
      'account',
    );
  });

  it("keeps the panel's text in the message", () => {
    expect(
      classify(
        reply(
          '{"error":"You cannot execute that command","result":"CMD_API_MODIFY_USER is not allowed"}',
          'application/json',
        ),
      ).message,
    ).to.equal(
      'directadmin server 3 CMD_API_MODIFY_USER: You cannot execute that command: CMD_API_MODIFY_USER is not allowed',
    );
  });

  it('stops at a blacklisted IP, from the header or the text, and says retrying extends the ban', () => {
    for (const r of [
      reply('', 'text/plain', { 'x-directadmin': 'Your IP is blacklisted' }),
      reply('Your IP is blacklisted'),
      reply('{"error":"Your IP is blacklisted","result":""}', 'application/json'),
    ]) {
      const err = classify(r);
      expect(err, r.body).to.be.instanceOf(PanelBlacklistedError).and.include({ kind: 'auth' });
      expect(err.retry).to.deep.equal({ kind: 'never' });
      expect(err.message)
        .to.match(/blacklist/i)
        .and.match(/extends the ban/);
    }
    // Blacklisted domains or names are ordinary errors, not a banned client.
    expect(classify(reply('error=1&text=Cannot+Create&details=That+domain+is+blacklisted'))).to.not.be.instanceOf(
      PanelBlacklistedError,
    );
  });

  it('reads error bodies of any status with daErrorOf, and finds nothing in a success or an unknown body', () => {
    expect(
      daErrorOf(reply('{"error":"Unable to show user","result":"User bob does not exist"}', 'application/json'), ctx),
    ).to.be.instanceOf(PanelNotFoundError);
    expect(daErrorOf(reply('{"success":"Package Changed","result":""}', 'application/json'), ctx)).to.equal(null);
    expect(daErrorOf(reply('<html><body>502 Bad Gateway</body></html>', 'text/html'), ctx)).to.equal(null);
  });

  it('never reads an empty body or a non-login HTML page as a success', () => {
    expect(() => readDaReply(reply(''), ctx)).to.throw(PanelReplyParseError, /empty/);
    expect(() => readDaReply(reply('<html><body>Service Unavailable</body></html>', 'text/html'), ctx)).to.throw(
      PanelReplyParseError,
      /HTML/,
    );
  });

  it('reads the account, its kind and owner from url-encoded and JSON config replies', () => {
    const form =
      'package=gold&suspended=yes&usertype=user&creator=res1&username=bob&date_created=Mon+Dec++2+03%3A18%3A43+2019&notes=Customer&#39;s+site';
    expect(readDaAccount(readDaReply(reply(form), ctx), 'bob')).to.deep.equal({
      account: { user: 'bob', package: 'gold', suspended: true, kind: 'user', owner: 'res1' },
      usertype: 'user',
    });
    expect(
      readDaAccount(
        readDaReply(
          reply(
            '{"package":"reseller-big","suspended":"no","usertype":"reseller","creator":"admin"}',
            'application/json',
          ),
          ctx,
        ),
        'res1',
      ).account,
    ).to.deep.equal({ user: 'res1', package: 'reseller-big', suspended: false, kind: 'reseller', owner: 'admin' });
    expect(() => readDaAccount(readDaReply(reply('error=0&text=ok'), ctx), 'bob')).to.throw(PanelReplyParseError);
  });

  it('reads package lists as list[]= or JSON, and success replies as records', () => {
    expect(readDaPackages(readDaReply(reply('list[]=basic&list[]=gold'), ctx))).to.deep.equal(['basic', 'gold']);
    expect(readDaPackages(readDaReply(reply('["basic","gold"]', 'application/json'), ctx))).to.deep.equal([
      'basic',
      'gold',
    ]);
    expect(readDaPackages(readDaReply(reply('[]', 'application/json'), ctx))).to.deep.equal([]);
    expect(readDaReply(reply('error=0&text=Package+Changed'), ctx)).to.deep.equal({
      kind: 'record',
      values: { error: '0', text: 'Package Changed' },
    });
    expect(readDaReply(reply('{"success":"Package Changed","result":""}', 'application/json'), ctx).kind).to.equal(
      'record',
    );
    expect(() => readDaReply(reply('{"package": ', 'application/json'), ctx)).to.throw(PanelReplyParseError);
  });
});
