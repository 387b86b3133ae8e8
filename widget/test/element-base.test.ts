import { expect } from '@open-wc/testing';
import { html } from 'lit/html.js';
import { css, ElementBase, type PropertyOptions, type ReactiveController } from '../src/element-base';
import { describe, it } from './harness/mocha';

let tagCount = 0;

/** A fresh element class per test, so no test sees another's definitions or instances. */
function defineTestElement() {
  class TestElement extends ElementBase {
    static override properties: Record<string, PropertyOptions> = {
      label: { type: String },
      mode: { type: String, reflect: true },
      enabled: { type: Boolean, attribute: 'is-enabled', reflect: true },
      data: { type: Object },
      hidden2: { attribute: false },
    };
    static override styles = [css`:host{display:block}`, css`p{color:${'rgb(1, 2, 3)'}}`];
    declare label: string | null;
    declare mode: string;
    declare enabled: boolean;
    declare data: unknown;
    declare hidden2: unknown;
    renders = 0;
    hooks: string[] = [];

    constructor() {
      super();
      this.mode = 'default';
    }

    protected override willUpdate(): void {
      this.hooks.push('willUpdate');
    }

    protected override updated(): void {
      this.hooks.push('updated');
    }

    protected override render() {
      this.renders++;
      return html`<p>${this.label ?? 'none'}/${this.mode}</p>`;
    }
  }
  const tag = `test-element-${++tagCount}`;
  customElements.define(tag, TestElement);
  return { tag, TestElement };
}

const text = (el: Element) => el.shadowRoot?.querySelector('p')?.textContent;

describe('ElementBase', () => {
  it('renders nothing before it is connected, then once per microtask however many properties change', async () => {
    const { tag, TestElement } = defineTestElement();
    const el = document.createElement(tag) as InstanceType<typeof TestElement>;
    el.label = 'a';
    await el.updateComplete;
    expect(el.renders, 'before connection').to.equal(0);
    document.body.append(el);
    await el.updateComplete;
    expect(text(el)).to.equal('a/default');
    el.label = 'b';
    el.mode = 'other';
    el.requestUpdate();
    await el.updateComplete;
    expect(el.renders, 'one render for the batch').to.equal(2);
    expect(text(el)).to.equal('b/other');
    expect(el.hooks).to.deep.equal(['willUpdate', 'updated', 'willUpdate', 'updated']);
    el.label = 'b'; // the same value is no change
    await el.updateComplete;
    expect(el.renders).to.equal(2);
    el.remove();
  });

  it('converts attributes to properties by type and reflects only what script set', async () => {
    const { tag, TestElement } = defineTestElement();
    expect(TestElement.observedAttributes).to.deep.equal(['label', 'mode', 'is-enabled', 'data']);
    const el = document.createElement(tag) as InstanceType<typeof TestElement>;
    el.setAttribute('label', 'from attribute');
    el.setAttribute('is-enabled', '');
    el.setAttribute('data', '{"x":1}');
    document.body.append(el);
    await el.updateComplete;
    expect(el.label).to.equal('from attribute');
    expect(el.enabled).to.equal(true);
    expect(el.data).to.deep.equal({ x: 1 });
    expect(el.getAttribute('mode'), 'the default reflects').to.equal('default');
    el.setAttribute('data', '{not json');
    expect(el.data, 'malformed JSON').to.equal(null);
    el.removeAttribute('is-enabled');
    expect(el.enabled).to.equal(false);
    el.mode = 'set by script';
    el.enabled = true;
    await el.updateComplete;
    expect(el.getAttribute('mode')).to.equal('set by script');
    expect(el.getAttribute('is-enabled')).to.equal('');
    el.enabled = false;
    await el.updateComplete;
    expect(el.hasAttribute('is-enabled')).to.equal(false);
    el.label = 'script';
    await el.updateComplete;
    expect(el.getAttribute('label'), 'label does not reflect').to.equal('from attribute');
    el.remove();
  });

  it('keeps properties a page set before the element was defined, over the constructor defaults', async () => {
    const tag = `test-element-${++tagCount}-late`;
    const el = document.createElement(tag) as HTMLElement & Record<string, unknown>;
    el.mode = 'set early';
    el.hidden2 = { early: true };
    document.body.append(el);
    const { TestElement } = defineTestElement();
    customElements.define(tag, class extends TestElement {});
    const upgraded = el as unknown as InstanceType<typeof TestElement>;
    await upgraded.updateComplete;
    expect(upgraded.mode).to.equal('set early');
    expect(upgraded.hidden2).to.deep.equal({ early: true });
    expect(text(upgraded)).to.equal('none/set early');
    el.remove();
  });

  it('adopts one shared style sheet per class', async () => {
    const { tag } = defineTestElement();
    const a = document.createElement(tag);
    const b = document.createElement(tag);
    document.body.append(a, b);
    const sheets = (el: Element) => (el.shadowRoot as ShadowRoot).adoptedStyleSheets;
    expect(sheets(a)).to.have.length(1);
    expect(sheets(a)[0]).to.equal(sheets(b)[0]);
    await (a as ElementBase).updateComplete;
    const p = a.shadowRoot?.querySelector('p') as HTMLElement;
    expect(getComputedStyle(p).color).to.equal('rgb(1, 2, 3)');
    a.remove();
    b.remove();
  });

  it('tells controllers when the element enters and leaves the page', () => {
    const { tag } = defineTestElement();
    const el = document.createElement(tag) as ElementBase;
    const calls: string[] = [];
    const controller: ReactiveController = {
      hostConnected: () => calls.push('connected'),
      hostDisconnected: () => calls.push('disconnected'),
    };
    el.addController(controller);
    expect(calls, 'not yet in the page').to.deep.equal([]);
    document.body.append(el);
    el.remove();
    document.body.append(el);
    el.addController({ hostConnected: () => calls.push('late controller') });
    el.remove();
    expect(calls).to.deep.equal([
      'connected',
      'disconnected',
      'connected',
      'late controller',
      'disconnected',
    ]);
  });
});
