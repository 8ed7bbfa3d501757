import { expect } from 'chai';
import { REDACTED, redactHeaders, redactText } from '../../../src/panels/http/redact.js';

describe('redaction for the panel call log', () => {
  it('blanks credential headers of every panel, whatever their case', () => {
    expect(
      redactHeaders({
        Authorization: 'whm root:TOKEN',
        HTTP_AUTH_LOGIN: 'admin',
        HTTP_AUTH_PASSWD: 'pw',
        KEY: 'k',
        'Content-Type': 'text/xml',
      }),
    ).to.deep.equal({
      Authorization: REDACTED,
      HTTP_AUTH_LOGIN: 'admin',
      HTTP_AUTH_PASSWD: REDACTED,
      KEY: REDACTED,
      'Content-Type': 'text/xml',
    });
  });

  it('blanks password fields in form, XML and JSON bodies', () => {
    expect(redactText('action=create&username=bob&passwd=hunter22&passwd2=hunter22&package=gold')).to.equal(
      `action=create&username=bob&passwd=${REDACTED}&passwd2=${REDACTED}&package=gold`,
    );
    expect(redactText('<customer><login>bob</login><password>hunter22</password></customer>')).to.equal(
      `<customer><login>bob</login><password>${REDACTED}</password></customer>`,
    );
    expect(redactText('{"user":"bob","password":"hun\\"ter","token": "abc"}')).to.equal(
      `{"user":"bob","password":"${REDACTED}","token": "${REDACTED}"}`,
    );
  });

  it('blanks a known secret wherever it appears, raw, URL-encoded or XML-escaped', () => {
    const secret = 'p@ss&<word>';
    const text = `raw ${secret} url ${encodeURIComponent(secret)} xml p@ss&amp;&lt;word&gt;`;
    const out = redactText(text, [secret]);
    expect(out).to.equal(`raw ${REDACTED} url ${REDACTED} xml ${REDACTED}`);
  });

  it('leaves ordinary text alone', () => {
    expect(redactText('user=bob&pkg=gold', ['abc'])).to.equal('user=bob&pkg=gold');
  });
});
