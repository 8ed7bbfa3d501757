import { expect } from 'chai';
import fc from 'fast-check';
import { encodeDaForm, parseDaForm } from '../../../src/panels/directadmin/da-encoding.js';

describe('DirectAdmin url-encoded replies', () => {
  it('reads lists, repeated keys, "+" spaces and HTML numeric entities', () => {
    const form = parseDaForm(
      'list[]=basic&list[]=gold&date_created=Mon+Dec++2+03%3A18%3A43+2019&details=User&#39;s package&#61;gold&text=it&#39s\n',
    );
    expect(form.get('list[]')).to.deep.equal(['basic', 'gold']);
    expect(form.get('date_created')).to.deep.equal(['Mon Dec  2 03:18:43 2019']);
    expect(form.get('details')).to.deep.equal(["User's package=gold"]);
    expect(form.get('text')).to.deep.equal(["it's"]);
  });

  it('round-trips any values it encodes (except literal "&#<digits>", which DirectAdmin itself makes ambiguous)', () => {
    const value = fc.string().filter((s) => !/&#\d/.test(s));
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), value),
        fc.array(value, { maxLength: 4 }),
        (values, list) => {
          const form = parseDaForm(encodeDaForm({ ...values, list }));
          const same = Object.entries(values).every(([k, v]) => k === 'list' || form.get(k)?.[0] === v);
          return same && JSON.stringify(form.get('list[]') ?? []) === JSON.stringify(list);
        },
      ),
    );
  });

  it('keeps a malformed escape instead of throwing', () => {
    expect(parseDaForm('text=100%25+sure&bad=%E0%A4%A').get('bad')).to.deep.equal(['%E0%A4%A']);
  });
});
