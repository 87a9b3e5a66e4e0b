import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The deepest focused element, through open shadow roots (not `<body>`). */
export function deepActiveElement(): HTMLElement | undefined {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a instanceof HTMLElement && a !== document.body ? a : undefined;
}

function focusIfPossible(el: HTMLElement | null | undefined): boolean {
  if (!el || !el.isConnected) return false;
  el.focus();
  return deepActiveElement() === el;
}

/**
 * Gives focus back to what opened a dialog. It remembers the trigger (also one inside another
 * element's shadow root) and, on `restore`, tries in order: the trigger; if a re-render replaced
 * it, the element with its id in the same root; the host of the trigger's shadow root (the list
 * that rendered it); the host's own fallback (a slotted trigger); last the host itself.
 */
export class FocusReturnController implements ReactiveController {
  private target?: HTMLElement;
  private root?: Document | ShadowRoot;
  private id?: string;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly fallback: () => HTMLElement | undefined = () => undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Whether a trigger is remembered. */
  get remembered(): boolean {
    return !!this.target;
  }

  /** Remembers `el` as the trigger, unless it is inside the host's own shadow root. */
  remember(el: HTMLElement | undefined): void {
    if (!el || this.host.shadowRoot?.contains(el)) return;
    this.target = el;
    const root = el.getRootNode();
    this.root = root instanceof ShadowRoot || root instanceof Document ? root : undefined;
    this.id = el.id || undefined;
  }

  /** Moves focus back (see the class) and forgets the trigger. */
  restore(): void {
    const { target, root, id } = this;
    this.target = this.root = this.id = undefined;
    if (focusIfPossible(target)) return;
    if (id && root && 'getElementById' in root && focusIfPossible(root.getElementById(id) as HTMLElement | null)) return;
    if (root instanceof ShadowRoot && focusIfPossible(root.host as HTMLElement)) return;
    if (focusIfPossible(this.fallback())) return;
    if (!this.host.hasAttribute('tabindex')) this.host.setAttribute('tabindex', '-1');
    this.host.focus();
  }
}
