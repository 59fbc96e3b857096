// `set NAME KEY VALUE`: validates the key and the value's kind and range against the engine's
// SETTING_SPECS, then changes that endpoint's stack setting (effective from that line on).
import type { SetStmt, SettingValue } from '../language/ast';
import { SETTING_SPECS, settingRangeText, type SettingSpec, type StackSettings } from '../engine/tcp/profile';
import type { RunContext } from './context';

export function applySetting(ctx: RunContext, settings: StackSettings, stmt: SetStmt): void {
  const key = stmt.key.text;
  const spec = SETTING_SPECS[key];
  if (!spec) {
    ctx.report('SETTING-UNKNOWN', stmt.key.range, { key, valid: [...Object.keys(SETTING_SPECS), 'tolerance'].join(', ') });
    return;
  }
  const value = convert(spec, stmt.value);
  if (value === undefined) {
    ctx.report('SETTING-RANGE', stmt.value.range, { key, value: valueText(stmt.value), valid: settingRangeText(spec) });
    return;
  }
  const target = settings as unknown as Record<string, unknown>;
  target[key] = value;
}

type Converted = number | boolean | null | [number, number, number];

function convert(spec: SettingSpec, v: SettingValue): Converted | undefined {
  const inRange = (n: number): boolean => Number.isFinite(n) && n >= spec.min && n <= spec.max;
  switch (spec.kind) {
    case 'count':
      return v.kind === 'number' && Number.isInteger(v.value) && inRange(v.value) ? v.value : undefined;
    case 'bool':
      if (v.kind === 'number' && (v.value === 0 || v.value === 1)) return v.value === 1;
      if (v.kind === 'name' && /^(on|true|off|false)$/i.test(v.text)) return /^(on|true)$/i.test(v.text);
      return undefined;
    case 'duration': {
      const s = v.kind === 'duration' ? v.seconds : v.kind === 'number' ? v.value : NaN;
      return inRange(s) ? Math.round(s * 1e6) : undefined;
    }
    case 'size': {
      const n = v.kind === 'size' ? v.bytes : v.kind === 'number' ? v.value : NaN;
      return inRange(n) ? n : undefined;
    }
    case 'rmem': {
      if (v.kind !== 'list' || v.items.length !== 3) return undefined;
      const [a, b, c] = v.items as [number, number, number];
      return a <= b && b <= c && [a, b, c].every(inRange) ? [a, b, c] : undefined;
    }
    case 'linger': {
      if (v.kind === 'name' && /^off$/i.test(v.text)) return null;
      const s = v.kind === 'duration' ? v.seconds : v.kind === 'number' ? v.value : NaN;
      return inRange(s) ? s : undefined;
    }
  }
}

function valueText(v: SettingValue): string {
  switch (v.kind) {
    case 'number':
      return String(v.value);
    case 'duration':
      return `${v.seconds}s`;
    case 'size':
      return String(v.bytes);
    case 'percent':
      return `${v.percent}%`;
    case 'list':
      return v.items.join(' ');
    default:
      return v.text;
  }
}
