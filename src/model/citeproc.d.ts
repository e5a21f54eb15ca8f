// citeproc-js and the CSL style and locale packages ship no types; these cover
// the part the bibliography uses. Styles and locales come as citeproc-js's JSON
// form of the CSL XML: `{ name, attrs, children }`.
declare module 'citeproc' {
  interface CslNode {
    name: string;
    attrs: Record<string, string>;
    children: Array<CslNode | string>;
  }
  interface Sys {
    retrieveLocale(lang: string): CslNode | string;
    retrieveItem(id: string): Record<string, unknown>;
  }
  interface BibliographyMeta {
    entry_ids: string[][];
  }
  class Engine {
    constructor(sys: Sys, style: CslNode | string, lang?: string, forceLang?: boolean);
    opt: { development_extensions: Record<string, unknown> };
    setOutputFormat(format: 'html' | 'text' | 'rtf'): void;
    updateItems(ids: string[]): void;
    makeBibliography(): [BibliographyMeta, string[]] | false;
    makeCitationCluster(items: Array<{ id: string }>): string;
  }
  const CSL: {
    Engine: typeof Engine;
    /** citeproc's text-case functions; `title` is CSL's title case, with the engine's locale's stop words. */
    Output: { Formatters: { title(state: Engine, text: string): string } };
  };
  export default CSL;
  export type { CslNode };
}

declare module 'style-chicago' {
  const style: import('citeproc').CslNode;
  export default style;
}

declare module 'locale-en-us' {
  const locale: import('citeproc').CslNode;
  export default locale;
}
