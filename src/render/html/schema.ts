// What rehype-sanitize lets through from markdown. GitHub's schema, narrowed
// where the page needs more safety and widened for the renderer's own markup.
import type { Options as Schema } from 'rehype-sanitize';
import { defaultSchema } from 'rehype-sanitize';

const defaults = defaultSchema.attributes ?? {};

/**
 * Raw HTML never reaches this schema (remark-rehype drops `html` nodes), so the
 * only ids in a tree are the ones the renderer's handlers make: citation markers
 * (`cite-…`) and footnote references (`fnref-…`). They are kept as they are
 * (no `user-content-` prefix) so that links and targets agree, and any other id
 * (from `data.hProperties` on a node, say) is dropped rather than prefixed.
 */
export const schema: Schema = {
  ...defaultSchema,
  clobber: [],
  attributes: {
    ...defaults,
    '*': (defaults['*'] ?? []).filter((name) => name !== 'id' && name !== 'name'),
    a: ['href', 'title', ['id', /^(?:cite|fnref)-/], ['className', 'image-link'], 'ariaLabel'],
    sup: [['className', 'cite', 'fnref']],
    img: ['src', 'alt', 'title', 'width', 'height'],
  },
  // An image is embedded as a `data:` URL by the markdown handlers, or else turned into a link;
  // an `<img>` of any other source would be an external request from a page that promises none.
  protocols: { ...defaultSchema.protocols, src: ['data'] },
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => !['picture', 'source'].includes(name)),
};
