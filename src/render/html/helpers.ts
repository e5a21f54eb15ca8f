// The Handlebars helpers the templates may use. Registered on one isolated environment per render.
import type Handlebars from 'handlebars';

type Environment = ReturnType<typeof Handlebars.create>;

export function registerHelpers(env: Environment): void {
  /** `{{join authors ", "}}`: a list as text (escaped by Handlebars like any other value). */
  env.registerHelper('join', (list: unknown, separator: unknown) => {
    if (!Array.isArray(list) || typeof separator !== 'string') throw new Error('join expects a list and a separator');
    return list.map(String).join(separator);
  });

  /** `{{plural count "document" "documents"}}` → `1 document`, `5 documents`. */
  env.registerHelper('plural', (count: unknown, one: unknown, many: unknown) => {
    if (typeof count !== 'number' || typeof one !== 'string' || typeof many !== 'string') {
      throw new Error('plural expects a number and two words');
    }
    return `${count} ${count === 1 ? one : many}`;
  });
}
