#!/usr/bin/env python3
"""Capture the real Linux kernel in small TCP scenarios, for tcpflow's fidelity test.

Run as root:  python3 tools/kernel-captures/capture.py [scenario ...]   (default: all)

For every scenario: two fresh network namespaces (tcf-cli, tcf-srv) joined by a veth pair
(MTU 1500, 10.77.0.1/24 <-> 10.77.0.2/24), the scenario's sysctls set inside them, tcpdump in
the client namespace, the socket calls made by this one process (each socket is created after
setns() into its namespace, so the calls can be sequenced exactly), nft rules for loss in the
receiving namespace, then tcpdump stopped and both namespaces deleted (also on failure).

Writes test/fixtures/kernel/<scenario>.pcap and <scenario>.meta.json (kernel, sysctls, events
with their wall times); summarize.py turns them into <scenario>.json.
Only stdlib. Nothing outside the two namespaces is touched.
"""
import ctypes
import errno
import json
import os
import select
import socket
import struct
import subprocess
import sys
import time

CLI_NS, SRV_NS = 'tcf-cli', 'tcf-srv'
CLI_IF, SRV_IF = 'tcfc0', 'tcfs0'
CLI_IP, SRV_IP = '10.77.0.1', '10.77.0.2'
PORT = 8080
CLOSED_PORT = 8081
CLIENT_PORT0 = 40000
HERE = os.path.dirname(os.path.abspath(__file__))
# TCF_OUT: write elsewhere (to compare a re-capture with the committed fixtures first).
OUT = os.environ.get('TCF_OUT') or os.path.normpath(os.path.join(HERE, '..', '..', 'test', 'fixtures', 'kernel'))

libc = ctypes.CDLL('libc.so.6', use_errno=True)
CLONE_NEWNET = 0x40000000


def sh(*args, check=True, ns=None, capture=False):
    cmd = (['ip', 'netns', 'exec', ns] if ns else []) + list(args)
    r = subprocess.run(cmd, check=check, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    return r.stdout if capture else ''


def setns(name):
    fd = os.open('/var/run/netns/' + name if name else '/proc/1/ns/net', os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            e = ctypes.get_errno()
            raise OSError(e, 'setns ' + str(name))
    finally:
        os.close(fd)


ORIG_NS_FD = os.open('/proc/self/ns/net', os.O_RDONLY)


def back_home():
    if libc.setns(ORIG_NS_FD, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), 'setns home')


def sock_in(ns, port=None):
    """A TCP socket created inside namespace ns (it stays there)."""
    setns(ns)
    try:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if port is not None:
            s.bind((CLI_IP if ns == CLI_NS else SRV_IP, port))
        return s
    finally:
        back_home()


def teardown():
    for ns in (CLI_NS, SRV_NS):
        subprocess.run(['ip', 'netns', 'del', ns], stderr=subprocess.DEVNULL)


def setup(sysctls_cli, sysctls_srv):
    teardown()
    sh('ip', 'netns', 'add', CLI_NS)
    sh('ip', 'netns', 'add', SRV_NS)
    sh('ip', 'link', 'add', CLI_IF, 'mtu', '1500', 'netns', CLI_NS, 'type', 'veth',
       'peer', 'name', SRV_IF, 'mtu', '1500', 'netns', SRV_NS)
    sh('ip', 'addr', 'add', CLI_IP + '/24', 'dev', CLI_IF, ns=CLI_NS)
    sh('ip', 'addr', 'add', SRV_IP + '/24', 'dev', SRV_IF, ns=SRV_NS)
    for ns, iface in ((CLI_NS, CLI_IF), (SRV_NS, SRV_IF)):
        sh('ip', 'link', 'set', 'lo', 'up', ns=ns)
        sh('ip', 'link', 'set', iface, 'up', ns=ns)
        # no offloads, so the capture shows segments as TCP made them
        sh('ethtool', '-K', iface, 'tso', 'off', 'gso', 'off', 'gro', 'off', check=False, ns=ns)
    for ns, ctl in ((CLI_NS, sysctls_cli), (SRV_NS, sysctls_srv)):
        for k, v in ctl.items():
            sh('sysctl', '-q', '-w', f'{k}={v}', ns=ns)
    # neighbours resolved before the capture starts, so no ARP delays the first SYN
    sh('ping', '-c', '1', '-W', '1', SRV_IP, ns=CLI_NS, check=False)


class DelayLine:
    """Two tun devices, one per namespace, joined by this process: every packet is held
    `delay` seconds one way, so packets sent at the same time cross (veth never crosses them)."""

    TUNSETIFF = 0x400454ca
    IFF_TUN, IFF_NO_PI = 0x0001, 0x1000

    def __init__(self, delay):
        import fcntl
        import threading
        self.delay = delay
        self.fds = {}
        for ns, name in ((CLI_NS, CLI_IF), (SRV_NS, SRV_IF)):
            setns(ns)
            try:
                fd = os.open('/dev/net/tun', os.O_RDWR)
                fcntl.ioctl(fd, self.TUNSETIFF, struct.pack('16sH', name.encode(), self.IFF_TUN | self.IFF_NO_PI))
            finally:
                back_home()
            self.fds[ns] = fd
        self.stop = False
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def start(self):
        self.thread.start()

    def loop(self):
        import heapq
        pending = []
        a, b = self.fds[CLI_NS], self.fds[SRV_NS]
        other = {a: b, b: a}
        n = 0
        while not self.stop:
            timeout = 0.05
            if pending:
                timeout = max(0.0, min(timeout, pending[0][0] - time.monotonic()))
            r, _, _ = select.select([a, b], [], [], timeout)
            now = time.monotonic()
            for fd in r:
                pkt = os.read(fd, 65536)
                n += 1
                heapq.heappush(pending, (now + self.delay, n, other[fd], pkt))
            now = time.monotonic()
            while pending and pending[0][0] <= now:
                _, _, fd, pkt = heapq.heappop(pending)
                os.write(fd, pkt)

    def close(self):
        self.stop = True
        if self.thread.is_alive():
            self.thread.join(2)
        for fd in self.fds.values():
            os.close(fd)


def setup_tun(sysctls_cli, sysctls_srv, delay):
    teardown()
    sh('ip', 'netns', 'add', CLI_NS)
    sh('ip', 'netns', 'add', SRV_NS)
    line = DelayLine(delay)
    for ns, iface, ip in ((CLI_NS, CLI_IF, CLI_IP), (SRV_NS, SRV_IF, SRV_IP)):
        sh('ip', 'link', 'set', 'lo', 'up', ns=ns)
        sh('ip', 'link', 'set', iface, 'mtu', '1500', 'up', ns=ns)
        sh('ip', 'addr', 'add', ip + '/24', 'dev', iface, ns=ns)
    for ns, ctl in ((CLI_NS, sysctls_cli), (SRV_NS, sysctls_srv)):
        for k, v in ctl.items():
            sh('sysctl', '-q', '-w', f'{k}={v}', ns=ns)
    line.start()
    return line


def tcp_sysctls(ns):
    out = sh('sysctl', '-a', ns=ns, capture=True, check=False)
    res = {}
    for line in out.splitlines():
        if line.startswith('net.ipv4.tcp_') or line.startswith('net.core.somaxconn'):
            k, _, v = line.partition(' = ')
            res[k.strip()] = v.strip()
    return res


def nstat(ns):
    out = sh('nstat', '-az', ns=ns, capture=True, check=False)
    res = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and (parts[0].startswith('TcpExt') or parts[0].startswith('Tcp')):
            try:
                v = int(parts[1])
            except ValueError:
                continue
            if v:
                res[parts[0]] = v
    return res


def nft(ns, rules):
    p = subprocess.run(['ip', 'netns', 'exec', ns, 'nft', '-f', '-'], input=rules, text=True,
                       stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    if p.returncode != 0:
        raise RuntimeError('nft: ' + p.stderr)


def nft_flush(ns):
    subprocess.run(['ip', 'netns', 'exec', ns, 'nft', 'flush', 'ruleset'], check=True)


class Ctx:
    def __init__(self, name):
        self.name = name
        self.t0 = time.monotonic()
        self.events = []

    def now(self):
        return time.monotonic() - self.t0

    def ev(self, what, **kw):
        e = {'t': round(self.now(), 4), 'event': what}
        e.update(kw)
        self.events.append(e)

    def sleep_until(self, t):
        d = t - self.now()
        if d > 0:
            time.sleep(d)


def recv_all(s, n, timeout=2.0):
    s.settimeout(timeout)
    got = b''
    while len(got) < n:
        chunk = s.recv(n - len(got))
        if not chunk:
            break
        got += chunk
    return got


def errname(e):
    return errno.errorcode.get(e.errno, str(e.errno)) if isinstance(e, OSError) and e.errno else type(e).__name__


# ---------------------------------------------------------------- scenarios
# Each gets (ctx) and runs its socket calls on a schedule of wall-clock times from t=0 (the
# moment the capture is running). The .tcpflow beside the fixture reproduces the schedule.

def listen_srv(backlog=8):
    ls = sock_in(SRV_NS, PORT)
    ls.listen(backlog)
    return ls


def connect_cli(c, port=PORT):
    s = sock_in(CLI_NS, CLIENT_PORT0 + c)
    return s


def accepted_pair(ctx, request=0):
    """A listener, client 0 connected to it at t=0 and accepted, and (at 0.1 s) `request` bytes sent."""
    ls = listen_srv()
    c = connect_cli(0)
    ctx.sleep_until(0.0); ctx.ev('client connect'); c.connect((SRV_IP, PORT))
    a, _ = ls.accept(); ctx.ev('server accept')
    if request:
        ctx.sleep_until(0.1); c.sendall(b'R' * request); ctx.ev(f'client send {request}')
    return ls, c, a


def recv_or_errno(ctx, s, who):
    """One recv(10), recorded as what it got or the errno it failed with."""
    try:
        got = s.recv(10); ctx.ev(f'{who} recv', got=len(got))
    except OSError as e:
        ctx.ev(f'{who} recv failed', errno=errname(e))


def connect_or_errno(ctx, c, port):
    try:
        c.connect((SRV_IP, port))
        ctx.ev('connect ok')
    except OSError as e:
        ctx.ev('connect failed', errno=errname(e))


def sc_client_close(ctx):
    """Request/response; the client closes first."""
    ls, c, a = accepted_pair(ctx, 100)
    ctx.sleep_until(0.2); recv_all(a, 100); ctx.ev('server recv 100')
    a.sendall(b'A' * 200); ctx.ev('server send 200')
    ctx.sleep_until(0.3); recv_all(c, 200); ctx.ev('client recv 200')
    ctx.sleep_until(0.4); c.close(); ctx.ev('client close')
    ctx.sleep_until(0.5); eof = a.recv(10); ctx.ev('server recv', got=len(eof)); a.close(); ctx.ev('server close')
    ctx.sleep_until(0.8)
    ls.close()


def sc_server_close(ctx):
    """Request/response; the server closes first."""
    ls, c, a = accepted_pair(ctx, 100)
    ctx.sleep_until(0.2); recv_all(a, 100); ctx.ev('server recv 100')
    a.sendall(b'A' * 200); ctx.ev('server send 200')
    ctx.sleep_until(0.3); a.close(); ctx.ev('server close')
    ctx.sleep_until(0.4); recv_all(c, 200); ctx.ev('client recv 200')
    eof = c.recv(10); ctx.ev('client recv', got=len(eof))
    ctx.sleep_until(0.5); c.close(); ctx.ev('client close')
    ctx.sleep_until(0.8)
    ls.close()


def sc_half_close(ctx):
    """Client sends a request and shuts down writing; the server answers in 3 parts, then closes."""
    ls, c, a = accepted_pair(ctx, 100)
    c.shutdown(socket.SHUT_WR); ctx.ev('client shutdown write')
    ctx.sleep_until(0.2); recv_all(a, 100); eof = a.recv(10); ctx.ev('server recv 100 + eof', eof=len(eof))
    for i, t in enumerate((0.3, 0.4, 0.5)):
        ctx.sleep_until(t); a.sendall(b'A' * 300); ctx.ev('server send 300')
    ctx.sleep_until(0.6); a.close(); ctx.ev('server close')
    ctx.sleep_until(0.7); got = recv_all(c, 900); eof = c.recv(10); ctx.ev('client recv', got=len(got), eof=len(eof))
    c.close(); ctx.ev('client close')
    ctx.sleep_until(1.0)
    ls.close()


def sc_closed_port(ctx):
    """connect() to a port nobody listens on."""
    c = connect_cli(0)
    ctx.sleep_until(0.0); ctx.ev('client connect')
    connect_or_errno(ctx, c, CLOSED_PORT)
    ctx.sleep_until(0.3)
    c.close()


def _blackhole(ctx):
    nft(SRV_NS, 'table inet tcf {\n chain inp {\n  type filter hook input priority 0;\n  tcp dport %d drop\n }\n}\n' % PORT)
    ls = listen_srv()
    c = connect_cli(0)
    ctx.sleep_until(0.0); ctx.ev('client connect')
    connect_or_errno(ctx, c, PORT)
    ctx.sleep_until(ctx.now() + 0.3)
    c.close(); ls.close()


def sc_syn_retries_linear(ctx):
    """SYNs to a black hole: tcp_syn_retries=3, tcp_syn_linear_timeouts=4 (default)."""
    _blackhole(ctx)


def sc_syn_retries_exp(ctx):
    """SYNs to a black hole: tcp_syn_retries=3, tcp_syn_linear_timeouts=0."""
    _blackhole(ctx)


def _reject_connect(ctx, icmp_type):
    """connect() to a port whose SYNs the server's nft answers with an ICMP error."""
    nft(SRV_NS, 'table inet tcf {\n chain inp {\n  type filter hook input priority 0;\n'
                '  tcp dport %d reject with icmp type %s\n }\n}\n' % (PORT, icmp_type))
    ls = listen_srv()
    c = connect_cli(0)
    ctx.sleep_until(0.0); ctx.ev('client connect')
    connect_or_errno(ctx, c, PORT)
    ctx.sleep_until(0.3)
    c.close(); ls.close()


def sc_icmp_port_unreachable(ctx):
    """connect() whose SYN the server's nft rejects with ICMP port unreachable (type 3 code 3):
    the SYN_SENT socket is aborted at once with ECONNREFUSED (tcp_v4_err)."""
    _reject_connect(ctx, 'port-unreachable')


def sc_icmp_host_unreachable(ctx):
    """connect() whose SYN the server's nft rejects with ICMP host unreachable (type 3 code 1),
    a soft error for RFC 9293 (MUST-56): Linux still aborts the SYN_SENT socket, EHOSTUNREACH."""
    _reject_connect(ctx, 'host-unreachable')


def sc_icmp_established(ctx):
    """An established connection (client TCP_USER_TIMEOUT 3 s, tcp_early_retrans=0); at 0.1 s the server's nft starts
    rejecting with ICMP port unreachable, at 0.2 s the client sends 100 B. Each (re)transmission
    draws an ICMP (server icmp_ratelimit=0); Linux keeps the error as sk_err_soft and keeps
    retransmitting; when the user timeout ends the connection, the error is ECONNREFUSED."""
    ls, c, a = accepted_pair(ctx, 0)
    c.setsockopt(socket.IPPROTO_TCP, 18, 3000)  # TCP_USER_TIMEOUT (ms)
    ctx.sleep_until(0.1)
    nft(SRV_NS, 'table inet tcf {\n chain inp {\n  type filter hook input priority 0;\n'
                '  tcp dport %d reject with icmp type port-unreachable\n }\n}\n' % PORT)
    ctx.ev('server rejects (icmp port-unreachable)')
    ctx.sleep_until(0.2); c.sendall(b'R' * 100); ctx.ev('client send 100')
    ctx.sleep_until(3.6)
    c.settimeout(0.5)
    recv_or_errno(ctx, c, 'client')
    c.close()
    ctx.keep = (a, ls)  # closed after the capture: the server's FIN is not part of the scenario


def sc_synack_retries(ctx):
    """tcp_synack_retries=2 on the server; the client's pure ACKs are dropped at the server.
    The client idles, then closes at 9 s (its FIN gets through)."""
    nft(SRV_NS, "table inet tcf {\n chain inp {\n  type filter hook input priority 0;\n"
                "  tcp dport %d tcp flags & (fin|syn|rst|psh|ack) == ack drop\n }\n}\n" % PORT)
    ls = listen_srv()
    c = connect_cli(0)
    ctx.sleep_until(0.0); ctx.ev('client connect'); c.connect((SRV_IP, PORT)); ctx.ev('connect ok')
    ctx.sleep_until(9.0); c.close(); ctx.ev('client close')
    ctx.sleep_until(9.3)
    ls.close()


def sc_unread_close(ctx):
    """The server closes with 100 unread bytes: RST instead of FIN."""
    ls, c, a = accepted_pair(ctx, 100)
    ctx.sleep_until(0.2); a.close(); ctx.ev('server close (100 bytes unread)')
    ctx.sleep_until(0.3)
    recv_or_errno(ctx, c, 'client')
    c.close()
    ctx.sleep_until(0.5)
    ls.close()


def sc_linger0(ctx):
    """The client sets SO_LINGER {1,0} and closes: RST instead of FIN."""
    ls, c, a = accepted_pair(ctx, 10)
    ctx.sleep_until(0.2); recv_all(a, 10); ctx.ev('server recv 10')
    ctx.sleep_until(0.3)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    c.close(); ctx.ev('client close (linger 0)')
    ctx.sleep_until(0.4)
    recv_or_errno(ctx, a, 'server')
    a.close()
    ctx.sleep_until(0.5)
    ls.close()


def sc_syncookies(ctx):
    """listen(1), never accept, tcp_syncookies=1. Pure ACKs to the server are dropped until
    0.15 s, so the handshakes of clients 0 and 1 stay half-open: the SYN queue holds 2 > backlog 1
    and is full, and client 2's SYN gets a cookie SYN,ACK (nstat TcpExtSyncookiesSent). After the
    rule is removed, client 2 sends 5 bytes (the cookie is checked: TcpExtSyncookiesRecv), then
    client 0 sends 5 bytes (its half-open request completes). At 0.5 s the listener closes (RST to
    the two unaccepted children; client 1's request vanishes); at 0.6 s the clients close
    (client 1, still ESTABLISHED, sends FIN and gets RST)."""
    nft(SRV_NS, "table inet tcf {\n chain inp {\n  type filter hook input priority 0;\n"
                "  tcp dport %d tcp flags & (fin|syn|rst|psh|ack) == ack drop\n }\n}\n" % PORT)
    ls = listen_srv(1)
    cs = [connect_cli(i) for i in range(3)]
    ctx.sleep_until(0.0); ctx.ev('client0 connect'); cs[0].connect((SRV_IP, PORT))
    ctx.sleep_until(0.05); ctx.ev('client1 connect'); cs[1].connect((SRV_IP, PORT))
    ctx.sleep_until(0.1); ctx.ev('client2 connect'); cs[2].connect((SRV_IP, PORT))
    ctx.sleep_until(0.15); nft_flush(SRV_NS); ctx.ev('heal')
    ctx.sleep_until(0.2); cs[2].sendall(b'hello'); ctx.ev('client2 send 5')
    ctx.sleep_until(0.25); cs[0].sendall(b'hello'); ctx.ev('client0 send 5')
    ctx.sleep_until(0.4); ctx.nstat = nstat(SRV_NS)
    ctx.sleep_until(0.5); ls.close(); ctx.ev('server close (listener)')
    ctx.sleep_until(0.6)
    for i, c in enumerate(cs):
        c.close(); ctx.ev(f'client{i} close')
    ctx.sleep_until(0.8)


def sc_simultaneous(ctx):
    """Simultaneous open and simultaneous close over a 50 ms one-way delay line (tun devices
    joined by a user-space forwarder). Both ends bind and connect() to each other at t=0, so
    the SYNs cross; both close() at 0.5 s, so the FINs cross. Captured at the client's tun: the
    client's packets when sent, the server's when they arrive (50 ms after they were sent)."""
    a = sock_in(CLI_NS, CLIENT_PORT0)
    b = sock_in(SRV_NS, PORT)
    a.setblocking(False)
    b.setblocking(False)
    ctx.sleep_until(0.0); ctx.ev('both connect')
    for s_, dst in ((a, (SRV_IP, PORT)), (b, (CLI_IP, CLIENT_PORT0))):
        try:
            s_.connect(dst)
        except BlockingIOError:
            pass
    _, w, _ = select.select([], [a, b], [], 3)
    _, w2, _ = select.select([], [a, b], [], 3)
    ctx.ev('connected', client=a.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR),
           server=b.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))
    ctx.sleep_until(0.5)
    a.close(); b.close(); ctx.ev('both close')
    ctx.sleep_until(1.2)


def sc_fastopen(ctx):
    """TCP Fast Open (RFC 7413), server tcp_fastopen=2 with TCP_FASTOPEN qlen 5, client tcp_fastopen=1. Client 0 sends 5 bytes with MSG_FASTOPEN and no cookie yet: its SYN asks for one, the SYN,ACK carries it, the data follows the handshake. Client 1 then sends 5 bytes with MSG_FASTOPEN: its SYN carries the cookie and the data, which the SYN,ACK acknowledges."""
    ls = sock_in(SRV_NS, PORT)
    setns(SRV_NS)
    try:
        ls.setsockopt(socket.IPPROTO_TCP, socket.TCP_FASTOPEN, 5)
    finally:
        back_home()
    ls.listen(8)
    for c in (0, 1):
        s = connect_cli(c)
        ctx.sleep_until(0.2 * c); s.sendto(b'GET /', socket.MSG_FASTOPEN, (SRV_IP, PORT)); ctx.ev(f'client{c} sendto 5 MSG_FASTOPEN')
        a, _ = ls.accept(); ctx.ev('server accept')
        got = recv_all(a, 5); ctx.ev('server recv', got=len(got))
        ctx.sleep_until(0.2 * c + 0.1); s.close(); a.close(); ctx.ev(f'client{c} and server close')
    ctx.sleep_until(0.6)
    ls.close()


SCENARIOS = {
    'client-close': (sc_client_close, {}, {}),
    'server-close': (sc_server_close, {}, {}),
    'half-close': (sc_half_close, {}, {}),
    'closed-port': (sc_closed_port, {}, {}),
    'syn-retries-linear': (sc_syn_retries_linear, {'net.ipv4.tcp_syn_retries': 3}, {}),
    'syn-retries-exp': (sc_syn_retries_exp, {'net.ipv4.tcp_syn_retries': 3,
                                             'net.ipv4.tcp_syn_linear_timeouts': 0}, {}),
    'synack-retries': (sc_synack_retries, {}, {'net.ipv4.tcp_synack_retries': 2}),
    'unread-close': (sc_unread_close, {}, {}),
    'linger0': (sc_linger0, {}, {}),
    'syncookies': (sc_syncookies, {}, {'net.ipv4.tcp_syncookies': 1}),
    'simultaneous': (sc_simultaneous, {}, {}),
    'fastopen': (sc_fastopen, {'net.ipv4.tcp_fastopen': 1}, {'net.ipv4.tcp_fastopen': 2}),
    'icmp-port-unreachable': (sc_icmp_port_unreachable, {}, {}),
    'icmp-host-unreachable': (sc_icmp_host_unreachable, {}, {}),
    # tcp_early_retrans=0: no tail loss probe (the engine does not model TLP), so the schedule is RTOs only
    'icmp-established': (sc_icmp_established, {'net.ipv4.tcp_early_retrans': 0}, {'net.ipv4.icmp_ratelimit': 0}),
}
# The ICMP scenarios run over the delay line too: over veth the ICMP comes back inside the
# sender's own transmit path, while connect() still holds the socket lock, and tcp_v4_err only
# stores a soft error then (sock_owned_by_user) -- an artifact no real network shows.
TUN_DELAY = {'simultaneous': 0.05, 'icmp-port-unreachable': 0.01, 'icmp-host-unreachable': 0.01,
             'icmp-established': 0.01}


def run(name):
    fn, ctl_cli, ctl_srv = SCENARIOS[name]
    pcap = os.path.join(OUT, name + '.pcap')
    delay_line = None
    td = None
    try:
        if name in TUN_DELAY:
            delay_line = setup_tun(ctl_cli, ctl_srv, TUN_DELAY[name])
        else:
            setup(ctl_cli, ctl_srv)
        td = subprocess.Popen(['ip', 'netns', 'exec', CLI_NS, 'tcpdump', '-i', CLI_IF, '-n', '-U',
                               '--immediate-mode', '-s', '256', '-w', pcap, 'tcp or icmp'],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # tcpdump prints "listening on" once the capture runs
        line = b''
        deadline = time.monotonic() + 5
        while b'listening' not in line and time.monotonic() < deadline:
            r, _, _ = select.select([td.stderr], [], [], 0.2)
            if r:
                line += os.read(td.stderr.fileno(), 4096)
        time.sleep(0.3)
        ctx = Ctx(name)
        ctx.nstat = None
        ctx.keep = None
        fn(ctx)
        if ctx.nstat is None:
            ctx.nstat = nstat(SRV_NS)
        time.sleep(0.2)
        meta = {
            'scenario': name,
            'description': (fn.__doc__ or '').strip(),
            'kernel': os.uname().release,
            'sysctls_set': {'client': {k: str(v) for k, v in ctl_cli.items()},
                            'server': {k: str(v) for k, v in ctl_srv.items()}},
            'sysctls_client': tcp_sysctls(CLI_NS),
            'sysctls_server': tcp_sysctls(SRV_NS),
            'nstat_server': ctx.nstat,
            'nstat_client': nstat(CLI_NS),
            'events': ctx.events,
            'client': f'{CLI_IP}',
            'server': f'{SRV_IP}',
            'link': {'kind': 'tun delay line', 'delay': TUN_DELAY[name]} if name in TUN_DELAY else {'kind': 'veth', 'delay': 0},
        }
        with open(os.path.join(OUT, name + '.meta.json'), 'w') as f:
            json.dump(meta, f, indent=1)
        print(name, json.dumps(ctx.events))
    finally:
        if td is not None:
            td.terminate()
            try:
                td.wait(5)
            except subprocess.TimeoutExpired:
                td.kill()
        if delay_line is not None:
            delay_line.close()
        teardown()


def main():
    if os.geteuid() != 0:
        sys.exit('run as root')
    os.makedirs(OUT, exist_ok=True)
    names = sys.argv[1:] or list(SCENARIOS)
    try:
        for n in names:
            run(n)
    finally:
        teardown()


if __name__ == '__main__':
    main()
