// The Handlebars helpers the templates may use. Registered on one isolated environment per render.
import type Handlebars from 'handlebars';

type Environment = ReturnType<typeof Handlebars.create>;
type Helper = (...args: unknown[]) => unknown;

export function registerHelpers(env: Environment): void {
  /** `{{join authors ", "}}`: a list as text (escaped by Handlebars like any other value). */
  register(env, 'join', (list: unknown, separator: unknown) => {
    if (!Array.isArray(list) || typeof separator !== 'string') throw new Error('join expects a list and a separator');
    return list.map(String).join(separator);
  });

  /** `{{plural count "document" "documents"}}` → `1 document`, `5 documents`. */
  register(env, 'plural', (count: unknown, one: unknown, many: unknown) => {
    if (typeof count !== 'number' || typeof one !== 'string' || typeof many !== 'string') {
      throw new Error('plural expects a number and two words');
    }
    return `${count} ${count === 1 ? one : many}`;
  });
}

/**
 * Handlebars passes each helper an options object last, with `loc`, the place
 * of the call in its template; an error a helper throws carries it on, so the
 * message can name the line.
 */
function register(env: Environment, name: string, helper: Helper): void {
  env.registerHelper(name, (...args: unknown[]) => {
    try {
      return helper(...args.slice(0, -1));
    } catch (error) {
      const options = args.at(-1) as { loc?: unknown } | undefined;
      if (error instanceof Error && options?.loc !== undefined) Object.assign(error, { loc: options.loc });
      throw error;
    }
  });
}
