import { render, type TemplateResult } from 'lit/html.js';

/** How a reactive property maps to an attribute (the subset of Lit's options this element uses). */
export interface PropertyOptions {
  /** The attribute's name; the lowercased property name when absent; `false`: no attribute. */
  attribute?: string | false;
  /** How the attribute's text becomes the value: as is (default), present/absent, or JSON. */
  type?: typeof String | typeof Boolean | typeof Object;
  /** Write the value back to the attribute when it is set from script. */
  reflect?: boolean;
}

/** Lit's controller contract: `hostConnected` / `hostDisconnected` follow the element in and out of the page. */
export interface ReactiveController {
  hostConnected?(): void;
  hostDisconnected?(): void;
}

export interface ReactiveControllerHost {
  addController(controller: ReactiveController): void;
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
}

/** CSS text for `static styles`; the build minifies what it tags. */
export const css = (strings: TemplateStringsArray, ...values: string[]): string =>
  strings.reduce((text, piece, i) => text + values[i - 1] + piece);

const sheets = new WeakMap<object, CSSStyleSheet>();
/** Importing must not throw where there is no DOM (server-side rendering, tests in Node). */
const HTMLElementOrStub = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/**
 * The part of LitElement this element uses, on lit-html alone: reactive properties with attribute conversion
 * and reflection, one batched render per microtask into an open shadow root styled by one adopted sheet,
 * controllers, and `updateComplete`. LitElement with ReactiveElement and its `css` tag is 2.4 KB gzip of a
 * bundle whose budget is 32 KB (docs/widget.md "Bundle size"); this is about 0.5 KB.
 *
 * Semantics kept from Lit: nothing renders before the first connection; properties set on the element
 * before it was upgraded win over the constructor's defaults; a value only counts as changed when
 * `Object.is` says so; an attribute that sets a property is not written back.
 */
export abstract class ElementBase extends HTMLElementOrStub implements ReactiveControllerHost {
  static properties: Record<string, PropertyOptions> = {};
  static styles: string[] = [];
  static #attributes = new WeakMap<object, Map<string, string>>();

  readonly #values = new Map<string, unknown>();
  readonly #controllers = new Set<ReactiveController>();
  readonly #reflect = new Set<string>();
  #fromAttribute: string | undefined;
  #preUpgrade: Map<string, unknown> | undefined;
  #connectedOnce = false;
  #pending = false;
  #done: Promise<boolean> = Promise.resolve(true);

  /** Attribute name → property name; defines the accessors the first time the element class is used. */
  static #attributeMap(cls: typeof ElementBase): Map<string, string> {
    let map = ElementBase.#attributes.get(cls);
    if (map) return map;
    map = new Map();
    for (const [name, options] of Object.entries(cls.properties)) {
      if (options.attribute !== false) map.set(options.attribute ?? name.toLowerCase(), name);
      Object.defineProperty(cls.prototype, name, {
        configurable: true,
        get(this: ElementBase) {
          return this.#values.get(name);
        },
        set(this: ElementBase, value: unknown) {
          if (Object.is(value, this.#values.get(name))) return;
          this.#values.set(name, value);
          if (options.reflect && this.#fromAttribute !== name) this.#reflect.add(name);
          this.requestUpdate();
        },
      });
    }
    ElementBase.#attributes.set(cls, map);
    return map;
  }

  static get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the element class being defined, a subclass
    return [...ElementBase.#attributeMap(this).keys()];
  }

  constructor() {
    super();
    const cls = this.constructor as typeof ElementBase;
    ElementBase.#attributeMap(cls);
    // A page may set properties before this script defined the element: keep them, apply them at the first update.
    for (const name of Object.keys(cls.properties)) {
      if (!Object.hasOwn(this, name)) continue;
      this.#preUpgrade ??= new Map();
      this.#preUpgrade.set(name, (this as Record<string, unknown>)[name]);
      delete (this as Record<string, unknown>)[name];
    }
    const root = this.attachShadow({ mode: 'open' });
    const text = cls.styles.join('');
    if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
      let sheet = sheets.get(cls);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        sheets.set(cls, sheet);
      }
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(Object.assign(document.createElement('style'), { textContent: text }));
    }
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const cls = this.constructor as typeof ElementBase;
    const name = ElementBase.#attributeMap(cls).get(attribute);
    if (name === undefined) return;
    const type = cls.properties[name]?.type;
    let converted: unknown = value;
    if (type === Boolean) converted = value !== null;
    else if (type === Object) {
      try {
        converted = value === null ? null : JSON.parse(value);
      } catch {
        converted = null;
      }
    }
    this.#fromAttribute = name;
    (this as Record<string, unknown>)[name] = converted;
    this.#fromAttribute = undefined;
  }

  connectedCallback(): void {
    this.#connectedOnce = true;
    for (const controller of this.#controllers) controller.hostConnected?.();
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    for (const controller of this.#controllers) controller.hostDisconnected?.();
  }

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.#connectedOnce && this.isConnected) controller.hostConnected?.();
  }

  /** Schedules one render in a microtask, however often it is called before then. */
  requestUpdate(): void {
    if (this.#pending || !this.#connectedOnce) return;
    this.#pending = true;
    this.#done = Promise.resolve().then(() => this.#update());
  }

  /** Resolves after the pending render (true: nothing more is pending). */
  get updateComplete(): Promise<boolean> {
    return this.#done;
  }

  #update(): boolean {
    if (this.#preUpgrade) {
      const saved = this.#preUpgrade;
      this.#preUpgrade = undefined;
      for (const [name, value] of saved) (this as Record<string, unknown>)[name] = value;
    }
    this.willUpdate();
    const cls = this.constructor as typeof ElementBase;
    for (const name of this.#reflect) {
      const options = cls.properties[name] as PropertyOptions;
      const attribute = options.attribute || name.toLowerCase();
      const value = this.#values.get(name);
      if (value == null || value === false) this.removeAttribute(attribute);
      else this.setAttribute(attribute, value === true ? '' : String(value));
    }
    this.#reflect.clear();
    this.#pending = false;
    render(this.render(), this.shadowRoot as ShadowRoot, { host: this });
    this.updated();
    return !this.#pending;
  }

  /** Before each render: derive state from properties. */
  protected willUpdate(): void {}

  /** After each render: DOM work such as focus. */
  protected updated(): void {}

  protected abstract render(): TemplateResult;
}
