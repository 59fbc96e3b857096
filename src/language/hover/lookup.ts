// One lookup over all hover tables: a topic and a word (any case) → its entry.
import type { FlagName } from '../ast';
import type { HoverEntry, HoverTopic } from './entry';
import { ICMP_HOVERS } from './table-icmp';
import { FIELD_HOVERS, FLAG_HOVERS, OPTION_HOVERS } from './table-packets';
import { SETTING_HOVERS } from './table-settings';
import { STATE_HOVERS, canonicalStateName } from './table-states';
import { CALL_HOVERS, ENDPOINT_KIND_HOVERS, KEYWORD_HOVERS, PROFILE_HOVERS } from './table-words';

const TABLES: Readonly<Record<HoverTopic, Readonly<Record<string, HoverEntry>>>> = {
  keyword: KEYWORD_HOVERS,
  flag: FLAG_HOVERS,
  state: STATE_HOVERS,
  setting: SETTING_HOVERS,
  call: CALL_HOVERS,
  field: FIELD_HOVERS,
  option: OPTION_HOVERS,
  profile: PROFILE_HOVERS,
  endpointKind: ENDPOINT_KIND_HOVERS,
  icmp: ICMP_HOVERS,
};

export function hoverEntry(topic: HoverTopic, word: string): HoverEntry | undefined {
  const table = TABLES[topic];
  switch (topic) {
    case 'flag':
      return FLAG_HOVERS[word.toUpperCase() as FlagName];
    case 'state':
      return STATE_HOVERS[canonicalStateName(word)];
    case 'option':
      return Object.entries(OPTION_HOVERS).find(([k]) => k.toLowerCase() === word.toLowerCase())?.[1];
    case 'setting':
      return table[word];
    default:
      return table[word.toLowerCase()];
  }
}

/** Every word a topic knows, in its canonical spelling (for completion). */
export function hoverWords(topic: HoverTopic): readonly string[] {
  return Object.keys(TABLES[topic]);
}

export type { HoverEntry, HoverTopic } from './entry';
