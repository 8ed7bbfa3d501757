import { expect } from 'chai';
import fc from 'fast-check';
import { child, childrenNamed, parseXml, serializeXml, textAt, x, xmlDocument, XmlSyntaxError } from '../../../src/panels/plesk/xml.js';

describe('Plesk XML subset', () => {
  it('parses a Plesk reply: prolog, attributes, self-closing tags, entities, multi-line text', () => {
    const doc = parseXml(`<?xml version="1.0" encoding="UTF-8"?>
<packet version="1.6.3.0"><webspace><switch-subscription><result>
  <status>ok</status><filter-id>a&amp;b.example</filter-id><external-id/>
  <problems>Description Current Requested Allowed
Disk space 2 GB 1 GB 1 GB</problems><!-- note --><note><![CDATA[<raw> & stuff]]></note>
</result></switch-subscription></webspace></packet>`);
    expect(doc.name).to.equal('packet');
    expect(doc.attrs).to.deep.equal({ version: '1.6.3.0' });
    const result = child(doc, 'webspace/switch-subscription/result')!;
    expect(textAt(result, 'status')).to.equal('ok');
    expect(textAt(result, 'filter-id')).to.equal('a&b.example');
    expect(child(result, 'external-id')!.children).to.deep.equal([]);
    expect(textAt(result, 'problems')).to.equal('Description Current Requested Allowed\nDisk space 2 GB 1 GB 1 GB');
    expect(textAt(result, 'note')).to.equal('<raw> & stuff');
    expect(childrenNamed(result, 'status')).to.have.length(1);
    expect(child(doc, 'webspace/get')).to.equal(undefined);
  });

  it('escapes text so a caller string cannot inject markup', () => {
    const name = 'evil</name><plan-guid>x</plan-guid>';
    const out = serializeXml(x('filter', x('name', name)));
    expect(out).to.equal('<filter><name>evil&lt;/name&gt;&lt;plan-guid&gt;x&lt;/plan-guid&gt;</name></filter>');
    expect(textAt(parseXml(out), 'name')).to.equal(name);
  });

  it('round-trips any text through serialize and parse', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const doc = parseXml(xmlDocument({ name: 'packet', attrs: { v: a }, children: [x('name', b)] }));
        return doc.attrs.v === a && child(doc, 'name')!.text === b;
      }),
    );
  });

  it('rejects what is not well-formed', () => {
    for (const bad of ['', 'not xml', '<a><b></a>', '<a>', '<a></a><b/>', '<a>&nope;</a>', '<!DOCTYPE a><a/>', '<a x=1/>']) {
      expect(() => parseXml(bad), bad).to.throw(XmlSyntaxError);
    }
  });
});
