/**
 * IME-safe entry in the input grid (issue 18): RevoGrid's own text editor sets its input's
 * `value` on every render, and the grid renders on every keystroke (the totals follow the draft),
 * so while a Japanese IME was still composing each keystroke was committed again (`１５００` became
 * 115,015,001,500). This editor writes its input's value once, when it opens, and reports the
 * text only when it is committed (never during a composition). A key-capture input over the
 * focused cell takes the IME's composition on a cell that is only selected and opens the editor
 * with the composed text.
 */

type Hyper = (tag: string, props: Record<string, unknown>, children?: unknown) => unknown;

/** What RevoGrid hands to an editor (the few fields used here). */
interface EditCell {
  prop?: unknown;
  val?: unknown;
  model?: { r?: number };
}

export interface AmountEditorHooks {
  /** The composed text a cell is to open with (taken once), if the editor was opened by typing. */
  takeSeed(r: number | undefined, prop: unknown): string | undefined;
  /** The editor's text whenever it is committed by the IME or typed without one. */
  draft(text: string): void;
}

/** The input of an open amount editor, if any (the key capture hands late text to it). */
let openInput: HTMLInputElement | null = null;
export const openEditorInput = () => (openInput?.isConnected ? openInput : null);

const composing = (e: KeyboardEvent) => e.isComposing || e.keyCode === 229;

/** A RevoGrid editor class (register under `editors`, name it in the column's `editor`). */
export function amountEditor(hooks: () => AmountEditorHooks) {
  return class AmountEditor {
    element: Element | null = null;
    editCell: EditCell | undefined = undefined;
    private input: HTMLInputElement | null = null;
    private initial = '';
    private seeded = false;
    /** Opened on the cell's own figure (double-click, Enter), not by typing. */
    private onFigure = false;

    constructor(
      _column: unknown,
      private readonly save: (value: unknown, preventFocus?: boolean) => void,
      private readonly close?: (focusNext?: boolean) => void,
    ) {}

    /** The input is created once; later renders never touch its value. */
    render(h: Hyper) {
      return h('input', {
        type: 'text',
        class: 'yg-editor',
        'data-testid': 'grid-editor',
        autocomplete: 'off',
        spellcheck: false,
        enterKeyHint: 'enter',
        ref: (el: HTMLInputElement | null) => this.attach(el),
      });
    }

    private attach(el: HTMLInputElement | null) {
      if (!el || el === this.input) return;
      this.input = el;
      openInput = el;
      const seed = hooks().takeSeed(this.editCell?.model?.r, this.editCell?.prop);
      this.seeded = seed !== undefined;
      const val = this.editCell?.val;
      this.initial = seed ?? (typeof val === 'string' || typeof val === 'number' ? String(val) : '');
      el.value = this.initial;
      const model = this.editCell?.model as Record<string, unknown> | undefined;
      const shown = typeof this.editCell?.prop === 'string' ? model?.[this.editCell.prop] : undefined;
      this.onFigure =
        !this.seeded &&
        (typeof shown === 'string' || typeof shown === 'number') &&
        String(shown) === this.initial;
      if (this.seeded) hooks().draft(el.value);
      el.addEventListener('keydown', (e) => this.onKeyDown(e));
      el.addEventListener('input', (e) => {
        if (!e.isComposing) hooks().draft(el.value);
      });
      el.addEventListener('compositionend', () => hooks().draft(el.value));
    }

    async componentDidRender() {
      await new Promise((r) => setTimeout(r, 0));
      const el = this.input;
      if (!el || document.activeElement === el) return;
      el.focus({ preventScroll: true });
      el.setSelectionRange(el.value.length, el.value.length);
    }

    private onKeyDown(e: KeyboardEvent) {
      // While the IME composes, keys are the IME's (Enter confirms, Escape cancels the
      // composition): the grid must not act on them.
      if (composing(e)) {
        e.stopPropagation();
        return;
      }
      const tab = e.key === 'Tab';
      if (e.key !== 'Enter' && !tab) return;
      const value = this.input?.value ?? '';
      this.input?.blur();
      // Enter on an untouched cell (opened by a double-click) changes nothing, not even its rounding.
      if (this.onFigure && value === this.initial && !tab && this.close) {
        e.stopPropagation();
        this.close(true);
        return;
      }
      this.save(value, tab);
    }

    /** A key typed before the editor had the keyboard (RevoGrid hands it over). */
    appendPendingInput(value: string) {
      if (!this.input) return false;
      this.input.value += value;
      this.input.focus({ preventScroll: true });
      hooks().draft(this.input.value);
      return true;
    }

    getValue() {
      return this.input?.value;
    }

    beforeDisconnect() {
      this.input?.blur();
    }

    disconnectedCallback() {
      if (openInput === this.input) openInput = null;
      this.input = null;
    }
  };
}

export interface KeyCaptureOptions {
  /** The focused cell's element and whether it takes input, or null when no body cell is focused. */
  cell(): { element: Element | null; input: boolean } | null;
  /** Opens the editor on the focused cell with the text. */
  open(text: string): void;
  /** Typing on a cell that takes no input. */
  refused(): void;
}

/**
 * The key capture: an input kept focused while a cell is selected (and no editor is open), placed
 * over that cell so the IME's candidates show there. Plain keys still reach RevoGrid (it opens
 * its editor on a printable key and takes them away); a composition stays here, shown over the
 * cell, and its committed text opens the editor. Escape, a paste (`drop`, called by the grid's
 * paste handler) or a click elsewhere while composing drops it. `detach` removes the listeners.
 */
export function attachKeyCapture(
  input: HTMLInputElement,
  wrap: HTMLElement,
  options: KeyCaptureOptions,
): { detach: () => void; drop: () => void } {
  let active = false;
  let dropped = false;
  const place = () => {
    const el = options.cell()?.element;
    if (!el) return;
    const a = el.getBoundingClientRect();
    const b = wrap.getBoundingClientRect();
    input.style.left = `${a.left - b.left}px`;
    input.style.top = `${a.top - b.top}px`;
    input.style.width = `${a.width}px`;
    input.style.height = `${a.height}px`;
  };
  const reset = () => {
    input.value = '';
    input.classList.remove('yg-keys-composing');
  };
  const deliver = (text: string) => {
    if (text.trim() === '') return;
    const cell = options.cell();
    if (!cell) return;
    const open = openEditorInput();
    if (open) {
      // The editor opened meanwhile (a fast typist): the text goes on where the typing is.
      open.value += text;
      open.dispatchEvent(new Event('input', { bubbles: true }));
      open.focus({ preventScroll: true });
      return;
    }
    if (!cell.input) options.refused();
    else options.open(text);
  };
  const handlers: [string, (e: Event) => void][] = [
    [
      'compositionstart',
      () => {
        active = true;
        dropped = false;
        place();
        input.classList.add('yg-keys-composing');
      },
    ],
    [
      'compositionend',
      () => {
        active = false;
        const text = input.value;
        reset();
        if (!dropped) deliver(text);
        dropped = false;
      },
    ],
    [
      'input',
      (e) => {
        if ((e as InputEvent).isComposing || active) return;
        // Text without a composition (an IME that commits at once, dictation, insertText).
        const text = input.value;
        reset();
        deliver(text);
      },
    ],
    [
      'keydown',
      (e) => {
        const k = e as KeyboardEvent;
        if (!composing(k)) return;
        e.stopPropagation(); // the IME's keys, not the grid's (Enter must not open an empty editor)
        if (k.key === 'Escape') dropped = true;
      },
    ],
    [
      'blur',
      () => {
        if (active) dropped = true;
        reset();
      },
    ],
    ['focus', place],
  ];
  /** A composition under way is not entered (the browser commits it when the focus moves). */
  const drop = () => {
    if (active) dropped = true;
    reset();
  };
  const click = () => {
    if (active) dropped = true;
  };
  for (const [name, fn] of handlers) input.addEventListener(name, fn);
  document.addEventListener('mousedown', click, true);
  return {
    detach: () => {
      for (const [name, fn] of handlers) input.removeEventListener(name, fn);
      document.removeEventListener('mousedown', click, true);
    },
    drop,
  };
}
