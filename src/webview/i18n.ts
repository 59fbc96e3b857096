// Every word the panel shows, in English and Simplified Chinese. Script-provided text (titles,
// labels, diagnostic messages) is never here: it comes from the trace.

export type Lang = 'en' | 'zh';

/** VS Code's `vscode.env.language` → the panel's language: `zh-cn`, `zh-hans`, `zh` → Chinese. */
export function langOf(locale: string): Lang {
  const l = locale.toLowerCase();
  return l === 'zh' || l.startsWith('zh-cn') || l.startsWith('zh-hans') || l === 'zh-sg' ? 'zh' : 'en';
}

const en = {
  untitled: 'Untitled flow',
  profile: 'profile',
  seed: 'seed',
  duration: 'virtual time',
  packets: 'packets',
  dropped: 'dropped',
  retransmissions: 'retransmissions',
  problems: 'problems',
  noPackets: 'No packets were sent in this run.',
  waiting: 'Run a .tcpflow script to see its ladder diagram.',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fit: 'Fit to width',
  fitText: 'Fit',
  ladder: 'Ladder diagram: packets between endpoints over virtual time',
  problemsHeading: 'Problems not tied to a packet',
  line: 'line',
  time: 'virtual time',
  quiet: 'quiet for',
  sent: 'sent',
  arrived: 'arrived',
  droppedAt: 'dropped on the link at',
  retransmission: 'retransmission',
  len: 'len',
  win: 'win',
  options: 'options',
  none: 'none',
  state: 'state',
  initialState: 'initial state',
  timer: 'timer',
  fired: 'fired',
  cancelled: 'cancelled',
  revealHint: 'Click or press Enter to show the script line',
  error: 'error',
  warning: 'warning',
  info: 'info',
  hint: 'hint',
} as const;

export type Strings = { readonly [K in keyof typeof en]: string };

const zh: Strings = {
  untitled: '未命名的流程',
  profile: '配置',
  seed: '随机种子',
  duration: '虚拟时长',
  packets: '个报文',
  dropped: '个丢弃',
  retransmissions: '次重传',
  problems: '个问题',
  noPackets: '本次运行没有发送任何报文。',
  waiting: '运行一个 .tcpflow 脚本以查看其时序图。',
  zoomIn: '放大',
  zoomOut: '缩小',
  fit: '适应宽度',
  fitText: '适应',
  ladder: '时序图：端点之间随虚拟时间收发的报文',
  problemsHeading: '与具体报文无关的问题',
  line: '行',
  time: '虚拟时间',
  quiet: '静默',
  sent: '发送于',
  arrived: '到达于',
  droppedAt: '在链路上被丢弃，时间',
  retransmission: '重传',
  len: '长度',
  win: '窗口',
  options: '选项',
  none: '无',
  state: '状态',
  initialState: '初始状态',
  timer: '定时器',
  fired: '已触发',
  cancelled: '已取消',
  revealHint: '单击或按回车键以显示脚本中的对应行',
  error: '错误',
  warning: '警告',
  info: '信息',
  hint: '提示',
};

export function stringsFor(lang: Lang): Strings {
  return lang === 'zh' ? zh : en;
}
