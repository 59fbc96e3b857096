// The extension's settings (`tcpflow.*`), as values the server and the messages use. Pure: the
// caller passes a reader (`workspace.getConfiguration('tcpflow').get`); bad values fall back.
import type { RunSettings } from '../shared/protocol';

export type SettingReader = (key: string) => unknown;

const LIMITS = ['maxEvents', 'maxVirtualSeconds', 'maxPackets', 'maxRepeat', 'maxPayloadBytes', 'maxDiagnostics', 'maxScriptBytes'] as const;

/** `tcpflow.defaultProfile` and `tcpflow.limits.*`, for the server's runs. */
export function runSettings(get: SettingReader): RunSettings {
  const profile = get('defaultProfile');
  const limits: Partial<Record<(typeof LIMITS)[number], number>> = {};
  for (const key of LIMITS) {
    const value = get(`limits.${key}`);
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[key] = value;
  }
  return { ...(profile === 'linux' || profile === 'rfc9293' ? { defaultProfile: profile } : {}), limits };
}

/** The language diagnostics and messages are in: `tcpflow.messageLanguage`, `auto` = VS Code's. */
export function messageLocale(setting: unknown, displayLanguage: string): string {
  if (setting === 'en' || setting === 'zh-cn') return setting;
  return displayLanguage;
}

/** Whether a locale gets the Simplified Chinese messages (as the server decides: zh, zh-cn, zh-hans). */
export function isChinese(locale: string): boolean {
  const tag = locale.toLowerCase();
  return tag === 'zh' || tag === 'zh-cn' || tag === 'zh-hans' || tag.startsWith('zh-hans-');
}
