/**
 * One lit template assembled from trusted pieces, for markup whose shape varies (optional
 * sections, sentences whose word order comes from the messages) but which should still be one
 * template per item: one clone, and parts only where data goes.
 *
 * Safety is the same as lit's static `html` with `unsafeStatic`: `tag` takes markup written in
 * this folder only; `text` takes texts from this element's own message catalog and escapes
 * them; everything from the server goes through `value` (a normal lit part, so lit escapes it
 * and never parses it as markup) and `attr` (a normal lit attribute part). The assembled strings
 * are interned, so each distinct shape is one template that lit prepares once.
 */
import { html, type TemplateResult } from 'lit';

const interned = new Map<string, TemplateStringsArray>();
const LIMIT = 256;

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c]!);

export class Markup {
  private readonly strings: string[] = [''];
  private readonly values: unknown[] = [];

  /** Markup written in this folder (never data). */
  tag(markup: string): this {
    this.strings[this.strings.length - 1] += markup;
    return this;
  }

  /** A text of the element's own catalog, escaped. */
  text(s: string): this {
    return this.tag(escape(s));
  }

  /** Data: a child part (text, or a template). */
  value(v: unknown): this {
    this.values.push(v);
    this.strings.push('');
    return this;
  }

  /** Data in an attribute: ` name=${v}` (lit's attribute part). */
  attr(name: string, v: unknown): this {
    return this.tag(` ${name}=`).value(v);
  }

  result(): TemplateResult {
    const key = this.strings.join('\u0000');
    let strings = interned.get(key);
    if (!strings) {
      if (interned.size >= LIMIT) interned.clear();
      const arr = Object.freeze(Object.assign([...this.strings], { raw: Object.freeze([...this.strings]) }));
      strings = arr as unknown as TemplateStringsArray;
      interned.set(key, strings);
    }
    return html(strings, ...this.values);
  }
}
