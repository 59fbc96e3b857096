// Which of tcpflow's two message languages the client displays: Simplified Chinese for the
// zh / zh-cn / zh-hans display languages, English for everything else.

export type MessageLanguage = 'en' | 'zh';

export function messageLanguage(locale: string | undefined): MessageLanguage {
  const tag = (locale ?? '').toLowerCase();
  return tag === 'zh' || tag === 'zh-cn' || tag === 'zh-hans' || tag.startsWith('zh-hans-') ? 'zh' : 'en';
}

/** The locale the client sent in `initializationOptions.locale`, if it sent one. */
export function localeFromInitializationOptions(options: unknown): string | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  const locale: unknown = (options as { readonly locale?: unknown }).locale;
  return typeof locale === 'string' ? locale : undefined;
}
