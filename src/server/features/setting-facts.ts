// A setting's default in each profile and its valid range, read from the engine so the hover
// never disagrees with what the runner does.
import { SETTING_SPECS, profileSettings, settingRangeText, type ProfileName, type StackSettings } from '../../engine/tcp/profile';
import type { MessageLanguage } from '../locale';
import { pick } from './document';

const US = 1_000_000;

export function settingDefault(key: string, profile: ProfileName): string | undefined {
  if (key === 'tolerance') return '1ms';
  if (!(key in SETTING_SPECS)) return undefined;
  const value: unknown = profileSettings(profile)[key as keyof StackSettings];
  const spec = SETTING_SPECS[key];
  if (value === null) return 'off';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Array.isArray(value)) return value.join(' ');
  if (typeof value !== 'number') return String(value);
  if (value >= Number.MAX_SAFE_INTEGER) return '∞';
  if (spec?.kind === 'duration') return `${value / US}s`;
  return String(value);
}

export function settingRange(key: string, language: MessageLanguage): string | undefined {
  const spec = SETTING_SPECS[key];
  if (spec === undefined) return undefined;
  return settingRangeText(spec, {
    rmem: pick(language, 'min default max (bytes)', '最小 默认 最大（字节）'),
    seconds: pick(language, 'seconds', '秒'),
  });
}

export const SETTING_KEYS: readonly string[] = [...Object.keys(SETTING_SPECS), 'tolerance'];
