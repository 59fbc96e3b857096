// "What is the endpoint doing instead?": its state and pending timers, in both languages, for
// EXPECT-NO-PACKET messages.
import type { RunContext } from './context';

const TIMER_ZH: Readonly<Record<string, string>> = {
  rto: '重传计时器',
  'syn-rto': 'SYN 重传计时器',
  'synack-rto': 'SYN,ACK 重传计时器',
  delack: '延迟确认计时器',
  'time-wait': 'TIME_WAIT 计时器',
  'fin-wait-2': 'FIN_WAIT_2 计时器',
  keepalive: '保活计时器',
};

export function describeActivity(ctx: RunContext, name: string): { en: string; zh: string } {
  const endpoint = ctx.world.endpoints.get(name);
  const tcp = endpoint?.tcp;
  if (!tcp) return { en: `${name} is a raw endpoint and sends only what the script injects`, zh: `${name} 是 raw 端点，只发送脚本注入的报文` };
  const state = tcp.state;
  const timers = tcp.primary()?.pendingTimers() ?? [];
  if (timers.length === 0) {
    return {
      en: `${name} is in ${state} with nothing left to send and no timer running`,
      zh: `${name} 处于 ${state} 状态，没有待发送的数据，也没有运行中的计时器`,
    };
  }
  const en = timers.map((t) => `${t.kind} timer due at ${(t.at / 1e6).toFixed(3)}s`).join(', ');
  const zh = timers.map((t) => `${TIMER_ZH[t.kind] ?? t.kind}（${(t.at / 1e6).toFixed(3)} 秒到期）`).join('、');
  return { en: `${name} is in ${state}; ${en}`, zh: `${name} 处于 ${state} 状态；${zh}` };
}
