// The logical structure of the tagged PDF, for screen readers and reflow: a
// tree of structure elements (Document > Sect > H2, P, L > LI > Lbl + LBody,
// Table > THead/TBody > TR > TH/TD, Note, TOC, …) in reading order, whose
// leaves are the marked-content sequences drawn on the pages. Layout code says
// which element it is drawing; the tagger opens a sequence for that element
// lazily on the current page and closes it before anything else is drawn, so
// no sequence spans a page break. Rules, backgrounds and page furniture are
// artifacts, outside the structure.

export type Element = PDFKit.PDFStructureElement;

export interface ElementOptions {
  /** Alternative text (`/Alt`). */
  alt?: string;
  /** Language of the element's content, when it differs from the document's. */
  lang?: string;
  /** `Column` for a table's column headers. */
  scope?: 'Column' | 'Row';
}

export class Tags {
  readonly root: Element;
  private readonly stack: Element[];
  private readonly types = new WeakMap<Element, string>();
  private open: { element: Element; page: unknown } | undefined;
  private artifacts = 0;
  /** Called before an element ends: the flow places any heading it still holds, which belongs inside. */
  beforeEnd: (() => void) | undefined;

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.root = this.make('Document');
    doc.addStructure(this.root);
    this.stack = [this.root];
  }

  get current(): Element {
    return this.stack[this.stack.length - 1] as Element;
  }

  private make(type: string, options: ElementOptions = {}): Element {
    // PDFKit reads `scope` at run time; its types do not list it.
    const element = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
    this.types.set(element, type);
    return element;
  }

  /** A new element, the last child of `parent` (default: the current element), not entered. */
  create(type: string, options: ElementOptions = {}, parent: Element = this.current): Element {
    const element = this.make(type, options);
    parent.add(element);
    return element;
  }

  /** Runs `render` inside a new child element of the current one, then ends the element. */
  element<T>(type: string, render: (element: Element) => T, options: ElementOptions = {}): T {
    const element = this.create(type, options);
    try {
      return this.within(element, () => {
        const result = render(element);
        this.beforeEnd?.();
        return result;
      });
    } finally {
      element.end();
    }
  }

  /** Runs `render` with `element` current: what it draws is content of `element`. */
  within<T>(element: Element, render: () => T): T {
    this.stack.push(element);
    try {
      return render();
    } finally {
      this.stack.pop();
      if (this.open?.element === element) this.close();
    }
  }

  /** Whether what is drawn now is an artifact (no content marks, no link elements). */
  get inArtifact(): boolean {
    return this.artifacts > 0;
  }

  /** Call right before drawing content: marks what follows as content of the current element. */
  content(): void {
    if (this.inArtifact) return;
    const element = this.current;
    const page = this.doc.page;
    if (this.open?.element === element && this.open.page === page) return;
    this.close();
    element.add(this.doc.markStructureContent(this.types.get(element) ?? 'Span'));
    this.open = { element, page };
  }

  /** Ends the open marked-content sequence; call before leaving a page. */
  close(): void {
    if (!this.open) return;
    this.open = undefined;
    this.doc.endMarkedContent();
  }

  /** Draws something that is not content: a rule, a background, a running header. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    if (this.inArtifact) {
      draw();
      return;
    }
    this.close();
    this.doc.markContent('Artifact', { type });
    this.artifacts++;
    try {
      draw();
    } finally {
      this.artifacts--;
      this.doc.endMarkedContent();
    }
  }

  /** Ends every element; call once everything is drawn. */
  finish(): void {
    this.close();
    this.root.end();
  }
}
