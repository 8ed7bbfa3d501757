import { expect } from 'chai';
import { readDaAccount, readDaPackages, readDaReply, type DaCallContext } from '../../../src/panels/directadmin/da-replies.js';
import { PanelError, PanelNotFoundError } from '../../../src/panels/errors/index.js';
import { PanelReplyParseError } from '../../../src/panels/http/panel-reply-parse-error.js';

const ctx: DaCallContext = { label: 'directadmin server 3 CMD_API_MODIFY_USER', user: 'bob', pkg: 'gold', options: { serverId: 3 } };

function classify(body: string, contentType = 'text/plain'): PanelError {
  try {
    readDaReply(body, contentType, ctx);
  } catch (err) {
    if (err instanceof PanelError) return err;
    throw err;
  }
  throw new Error('no error thrown');
}

describe('DirectAdmin replies', () => {
  it('sorts errors by body, in both encodings', () => {
    const table: Array<[string, string, string, boolean]> = [
      ['<!doctype html><html><title>DirectAdmin Login</title></html>', 'text/html', 'auth', false],
      ['<html><body>DirectAdmin Login</body></html>', 'text/plain', 'auth', false],
      ["The request you've made cannot be executed because it does not exist in your authority level", 'text/plain', 'permission', false],
      ['error=1&text=Cannot+Modify+User&details=User+bob+does+not+exist', 'text/plain', 'not_found', false],
      ['{"error":"Cannot Modify User","result":"Package gold does not exist"}', 'application/json', 'not_found', false],
      ['error=1&text=Cannot+Modify+User&details=User+bob+is+being+modified+by+another+task', 'text/plain', 'transient', true],
      ['{"error":"Error","result":"task.queue is busy"}', 'application/json', 'transient', true],
    ];
    for (const [body, type, kind, retryable] of table) {
      const err = classify(body, type);
      expect(err.kind, body).to.equal(kind);
      expect(err.retryable, body).to.equal(retryable);
    }
    expect((classify('error=1&text=x&details=Package+gold+does+not+exist') as PanelNotFoundError).what).to.equal('package');
    expect((classify('error=1&text=x&details=User+bob+does+not+exist') as PanelNotFoundError).what).to.equal('account');
  });

  it('reads the account from url-encoded and JSON config replies', () => {
    const form = 'package=gold&suspended=yes&username=bob&date_created=Mon+Dec++2+03%3A18%3A43+2019&notes=Customer&#39;s+site';
    expect(readDaAccount(readDaReply(form, 'text/plain', ctx))).to.deep.equal({ package: 'gold', suspended: true });
    expect(readDaAccount(readDaReply('{"package":"basic","suspended":"no"}', 'application/json', ctx))).to.deep.equal({ package: 'basic', suspended: false });
    expect(() => readDaAccount(readDaReply('error=0&text=ok', 'text/plain', ctx))).to.throw(PanelReplyParseError);
  });

  it('reads package lists as list[]= or JSON, and success replies as records', () => {
    expect(readDaPackages(readDaReply('list[]=basic&list[]=gold', 'text/plain', ctx))).to.deep.equal(['basic', 'gold']);
    expect(readDaPackages(readDaReply('["basic","gold"]', 'application/json', ctx))).to.deep.equal(['basic', 'gold']);
    expect(readDaPackages(readDaReply('', 'text/plain', ctx))).to.deep.equal([]);
    expect(readDaReply('error=0&text=Package+Changed', 'text/plain', ctx)).to.deep.equal({ kind: 'record', values: { error: '0', text: 'Package Changed' } });
    expect(readDaReply('{"success":"Package Changed","result":""}', 'application/json', ctx).kind).to.equal('record');
    expect(() => readDaReply('{"package": ', 'application/json', ctx)).to.throw(PanelReplyParseError);
  });
});
