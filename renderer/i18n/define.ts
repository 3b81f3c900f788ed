/** A part of the UI catalogue: Indonesian texts and their English translations (every key). */
export interface Section<K extends string> {
  id: Record<K, string>;
  en: Record<K, string>;
}

export function defineSection<K extends string>(id: Record<K, string>, en: Record<NoInfer<K>, string>): Section<K> {
  return { id, en };
}
