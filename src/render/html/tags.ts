// The tag index: every tag of the chronology with links to its events, and the
// target each tag shown on an event links to.
import { slug } from 'github-slugger';
import type { Event } from '../../model/types.js';
import type { IdAllocator } from './ids.js';
import { timeView, type TimeView } from './time.js';

export interface TagLinkView {
  name: string;
  href: string;
}

export interface TagIndexView {
  id: string;
  tags: TagView[];
}

export interface TagView {
  id: string;
  name: string;
  events: Array<{ href: string; date: TimeView; title: string }>;
}

export interface TagIndex {
  /** Null when no event has a tag. */
  view: TagIndexView | null;
  /** The link of a tag shown on an event, to its entry in the index. */
  link(tag: string): TagLinkView;
}

/** Tags in alphabetical order (in the brief's language), events in chronological order. */
export function createTagIndex(events: readonly Event[], lang: string, ids: IdAllocator): TagIndex {
  const byTag = new Map<string, Event[]>();
  for (const event of events) {
    for (const tag of new Set(event.tags)) {
      const list = byTag.get(tag) ?? [];
      list.push(event);
      byTag.set(tag, list);
    }
  }
  const collator = collatorFor(lang);
  const names = [...byTag.keys()].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
  // No tags, no index, and no id for it.
  const id = byTag.size === 0 ? '' : ids.claim('tags');
  const tags: TagView[] = names.map((name) => ({
    // A slug keeps the id readable in the address bar; the allocator keeps it unique.
    id: ids.claim(`tag-${slug(name) || 'tag'}`),
    name,
    events: byTag.get(name)!.map((event) => ({ href: `#${event.id}`, date: timeView(event.date), title: event.titleText })),
  }));
  const hrefs = new Map(tags.map((tag) => [tag.name, `#${tag.id}`]));
  return {
    view: tags.length === 0 ? null : { id, tags },
    link(tag) {
      const href = hrefs.get(tag);
      // Every tag of every event is in the index; a tag of an event not in `events` is a caller's mistake.
      if (href === undefined) throw new Error(`tag "${tag}" is not in the tag index`);
      return { name: tag, href };
    },
  };
}

function collatorFor(lang: string): Intl.Collator {
  try {
    return new Intl.Collator(lang);
  } catch {
    return new Intl.Collator('en');
  }
}
