/**
 * Merges options over defaults, skipping keys that are present but undefined (`{ device: undefined }` from a config
 * that left it out must not erase the default the way an object spread would).
 */
export function withDefaults<T extends object>(defaults: Required<T>, options: T): Required<T> {
  const merged = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof T)[]) {
    const value = options[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}
