import { expect } from 'chai';
import fc from 'fast-check';
import { buildXml, child, childrenNamed, parseXml, textAt } from '../../../src/panels/plesk/xml.js';
import { XmlSyntaxError } from '../../../src/panels/panel-errors.js';

describe('Plesk XML (fast-xml-parser)', () => {
  it('parses a Plesk reply: prolog, attributes, self-closing tags, entities, CDATA, comments, multi-line text', () => {
    const doc = parseXml(`<?xml version="1.0" encoding="UTF-8"?>
<packet version="1.6.3.0"><webspace><switch-subscription><result>
  <status>ok</status><filter-id>a&amp;b.example</filter-id><id>07</id><external-id/>
  <problems>Description Current Requested Allowed
Disk space 2 GB 1 GB 1 GB</problems><!-- note --><note><![CDATA[<raw> & stuff]]></note><uml>&#233;&#x41;</uml>
</result></switch-subscription></webspace></packet>`);
    expect(doc.name).to.equal('packet');
    expect(doc.attrs).to.deep.equal({ version: '1.6.3.0' });
    const result = child(doc, 'webspace/switch-subscription/result')!;
    expect(textAt(result, 'status')).to.equal('ok');
    expect(textAt(result, 'filter-id')).to.equal('a&b.example');
    expect(textAt(result, 'id'), 'values stay strings').to.equal('07');
    expect(child(result, 'external-id')!.children).to.deep.equal([]);
    expect(textAt(result, 'problems')).to.equal('Description Current Requested Allowed\nDisk space 2 GB 1 GB 1 GB');
    expect(textAt(result, 'note')).to.equal('<raw> & stuff');
    expect(textAt(result, 'uml')).to.equal('éA');
    expect(childrenNamed(result, 'status')).to.have.length(1);
    expect(result.children.map((c) => c.name)).to.deep.equal([
      'status',
      'filter-id',
      'id',
      'external-id',
      'problems',
      'note',
      'uml',
    ]);
    expect(child(doc, 'webspace/get')).to.equal(undefined);
  });

  it('keeps repeated elements in document order', () => {
    const doc = parseXml(
      '<subscription><plan><plan-guid>a</plan-guid></plan><locked>false</locked><plan><plan-guid>b</plan-guid></plan></subscription>',
    );
    expect(childrenNamed(doc, 'plan').map((p) => textAt(p, 'plan-guid'))).to.deep.equal(['a', 'b']);
  });

  it('builds packets in insertion order, empty elements self-closed, repeated elements from arrays', () => {
    const out = buildXml('packet', {
      '@_version': '1.6.3.4',
      'service-plan': { get: { filter: { guid: ['g1', 'g2'] }, 'owner-all': '' } },
    });
    expect(out).to.equal(
      '<?xml version="1.0" encoding="UTF-8"?><packet version="1.6.3.4"><service-plan><get><filter><guid>g1</guid><guid>g2</guid></filter><owner-all/></get></service-plan></packet>',
    );
  });

  it('escapes text and attributes so a caller string cannot inject markup', () => {
    const name = 'evil</name><plan-guid>x</plan-guid>';
    const out = buildXml('filter', { '@_a': '"><b', name });
    expect(out).to.include('<name>evil&lt;/name&gt;&lt;plan-guid&gt;x&lt;/plan-guid&gt;</name>');
    expect(out).to.include('a="&quot;&gt;&lt;b"');
    const doc = parseXml(out);
    expect(textAt(doc, 'name')).to.equal(name);
    expect(doc.attrs.a).to.equal('"><b');
    expect(child(doc, 'plan-guid')).to.equal(undefined);
  });

  it('round-trips any text through build and parse', () => {
    // XML 1.0 cannot carry most control characters, whatever the escaping.
    const xmlText = fc.string({ unit: 'grapheme' }).map((s) =>
      // eslint-disable-next-line no-control-regex -- the control characters are exactly what must be removed
      s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''),
    );
    fc.assert(
      fc.property(xmlText, xmlText, (a, b) => {
        const doc = parseXml(buildXml('packet', { '@_v': a, name: b }));
        return doc.attrs.v === a && child(doc, 'name')!.text === b;
      }),
    );
  });

  it('rejects what is not well-formed, several roots, and any DTD', () => {
    for (const bad of [
      '',
      'not xml',
      '<a><b></a>',
      '<a>',
      '<a></a><b/>',
      '<!DOCTYPE a><a/>',
      '<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>',
      '<a x=1/>',
      '{"json": true}',
    ]) {
      expect(() => parseXml(bad), bad).to.throw(XmlSyntaxError);
    }
  });
});
