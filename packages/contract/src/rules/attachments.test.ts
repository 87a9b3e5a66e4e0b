import { expect } from '@open-wc/testing';
import { pdfInflateMaxBytes, pdfRefusal, sniffAttachmentType } from './attachments.js';

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A PDF with one stream object whose dictionary is `dict` and whose data is `data`. */
function pdfWithStream(dict: string, data: Uint8Array, extra = ''): Uint8Array {
  const head = latin1(`%PDF-1.7\n${extra}\n3 0 obj << ${dict} /Length ${data.length} >>\nstream\r\n`);
  const tail = latin1('\r\nendstream endobj\n%%EOF');
  const out = new Uint8Array(head.length + data.length + tail.length);
  out.set(head, 0);
  out.set(data, head.length);
  out.set(tail, head.length + data.length);
  return out;
}

describe('rules: attachments', () => {
  it('knows PDF, PNG and JPEG by their first bytes, whatever the name', () => {
    expect(sniffAttachmentType(latin1('%PDF-1.7'))).to.equal('application/pdf');
    expect(sniffAttachmentType(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).to.equal('image/png');
    expect(sniffAttachmentType(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0))).to.equal('image/jpeg');
    expect(sniffAttachmentType(latin1('MZ\x90\x00'))).to.equal(null);
  });

  it('refuses PDFs that name active content, also behind #xx escapes; whole names only', async () => {
    for (const name of ['/JavaScript', '/JS', '/Launch', '/EmbeddedFile', '/RichMedia', '/XFA', '/J#61vaScript']) {
      const pdf = latin1(`%PDF-1.7\n1 0 obj << /S ${name} (app.alert(1)) >> endobj\n%%EOF`);
      expect(await pdfRefusal(pdf), name).to.match(/active content/);
    }
    expect(await pdfRefusal(latin1('%PDF-1.4 /JSON /JavaScriptish'))).to.equal(undefined);
  });

  it('inflates FlateDecode streams in this browser and finds what they hide', async () => {
    const hidden = await deflate(latin1('4 0 << /S /JavaScript /JS (app.alert(1)) >>'));
    for (const filter of ['/FlateDecode', '[ /FlateDecode ]', '/Fl#61teDecode']) {
      expect(await pdfRefusal(pdfWithStream(`/Type /ObjStm /N 1 /First 4 /Filter ${filter}`, hidden)), filter).to.match(/active content/);
    }
    const harmless = await deflate(latin1('BT /F1 12 Tf 72 712 Td (Hei, Ola) Tj ET'));
    expect(await pdfRefusal(pdfWithStream('/Filter /FlateDecode', harmless))).to.equal(undefined);
    // Another filter is not undone, but its raw bytes are still searched.
    expect(await pdfRefusal(pdfWithStream('/Filter /LZWDecode', latin1('/JavaScript')))).to.match(/active content/);
    expect(await pdfRefusal(pdfWithStream('/Filter /LZWDecode', hidden))).to.equal(undefined);
  });

  it('refuses a stream that does not inflate, and one that inflates past the cap', async () => {
    expect(await pdfRefusal(pdfWithStream('/Filter /FlateDecode', latin1('not zlib at all')))).to.match(/cannot be inflated/);
    const bomb = await deflate(new Uint8Array(pdfInflateMaxBytes + 1));
    expect(bomb.length).to.be.lessThan(100_000);
    expect(await pdfRefusal(pdfWithStream('/Filter /FlateDecode', bomb))).to.match(/more than 20971520 bytes/);
  });
});
