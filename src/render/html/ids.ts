// Ids of the elements the renderer adds (sections, years, quotes, markers).
// The model's own ids (events, sections) are permalinks and stay as they are;
// an added id that would collide with one (a `# Sources` section, say) gets a suffix.

export interface IdAllocator {
  /** Returns `preferred`, or `preferred-2`, `preferred-3`, … if it is taken. */
  claim(preferred: string): string;
}

export function createIdAllocator(reserved: Iterable<string>): IdAllocator {
  const taken = new Set(reserved);
  return {
    claim(preferred) {
      let id = preferred;
      for (let n = 2; taken.has(id); n++) id = `${preferred}-${n}`;
      taken.add(id);
      return id;
    },
  };
}
