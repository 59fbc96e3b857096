#!/usr/bin/env python3
"""Turn a capture into the fixture the fidelity test reads.

    python3 tools/kernel-captures/summarize.py [scenario ...]      (default: every *.pcap)

Reads test/fixtures/kernel/<scenario>.pcap with tshark and <scenario>.meta.json (written by
capture.py), writes <scenario>.json and removes the meta file. Per packet: time relative to
the first packet, direction (c>s / s>c), connection index (clients in order of first SYN),
flags, seq relative to the sender's ISN, ack relative to the peer's ISN (null without ACK),
payload length, raw window value, TCP options in order as tcpflow writes them.
A side whose SYN is not in the capture (the RST from a closed port) keeps raw numbers and is
marked seqRaw/ackRaw.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# TCF_OUT: read and write elsewhere (as capture.py does).
FIX = os.environ.get('TCF_OUT') or os.path.normpath(os.path.join(HERE, '..', '..', 'test', 'fixtures', 'kernel'))
FIELDS = ['frame.time_relative', 'ip.src', 'tcp.srcport', 'tcp.dstport', 'tcp.flags',
          'tcp.seq_raw', 'tcp.ack_raw', 'tcp.len', 'tcp.window_size_value', 'tcp.option_kind',
          'tcp.options.mss_val', 'tcp.options.wscale.shift', 'tcp.options.timestamp.tsval',
          'tcp.options.timestamp.tsecr', 'icmp.type', 'icmp.code', 'tcp.seq', 'tcp.options.tfo.cookie']
FLAG_BITS = [('SYN', 0x02), ('ACK', 0x10), ('FIN', 0x01), ('RST', 0x04), ('PSH', 0x08),
             ('URG', 0x20), ('ECE', 0x40), ('CWR', 0x80)]
# sysctls worth showing next to each scenario (the full list is in sysctls-default.txt)
KEY_SYSCTLS = ['net.ipv4.tcp_syn_retries', 'net.ipv4.tcp_syn_linear_timeouts',
               'net.ipv4.tcp_synack_retries', 'net.ipv4.tcp_syncookies', 'net.ipv4.tcp_timestamps',
               'net.ipv4.tcp_sack', 'net.ipv4.tcp_window_scaling', 'net.ipv4.tcp_rmem',
               'net.ipv4.tcp_wmem', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_tw_reuse',
               'net.ipv4.tcp_max_syn_backlog', 'net.ipv4.tcp_congestion_control',
               'net.ipv4.tcp_ecn', 'net.ipv4.tcp_orphan_retries', 'net.core.somaxconn']


def options(kinds, mss, ws, tsval, tsecr, tfo_cookie=''):
    out = []
    for k in [int(x) for x in kinds.split(',') if x]:
        if k == 0:
            out.append('eol')
        elif k == 1:
            out.append('nop')
        elif k == 2:
            out.append(f'mss {mss}')
        elif k == 3:
            out.append(f'wscale {ws}')
        elif k == 4:
            out.append('sackOK')
        elif k == 5:
            out.append('sack')
        elif k == 8:
            out.append(f'ts val={tsval} ecr={tsecr}')
        elif k == 34:
            # RFC 7413 Fast Open: a cookie request is empty, a cookie is 4-16 bytes (tcpflow's spelling)
            out.append(f'tfo {tfo_cookie}' if tfo_cookie else 'tfo')
        else:
            out.append(f'kind{k}')
    return out


def icmp_packet(r, client_ip, conns):
    """An ICMP error: tshark gives the outer and the quoted IP source (`10.77.0.2,10.77.0.1`)
    and the quoted TCP header's ports and sequence number."""
    outer_src = r['ip.src'].split(',')[0]
    quoted_side = 'c' if r['ip.src'].split(',')[-1] == client_ip else 's'
    cport = r['tcp.srcport'] if quoted_side == 'c' else r['tcp.dstport']
    conn = conns.get(cport, {'idx': -1, 'c': None, 's': None})
    seq = int(r['tcp.seq'])  # read with relative sequence numbers off: the quoted header's raw value
    isn = conn[quoted_side]
    return {
        't': round(float(r['frame.time_relative']), 6),
        'dir': 'c>s' if outer_src == client_ip else 's>c',
        'conn': conn['idx'],
        'icmp': {'type': int(r['icmp.type'].split(',')[0]), 'code': int(r['icmp.code'].split(',')[0]),
                 'quotedSeq': seq if isn is None else (seq - isn) % 2**32},
    }


def summarize(name):
    pcap = os.path.join(FIX, name + '.pcap')
    meta_path = os.path.join(FIX, name + '.meta.json')
    with open(meta_path) as f:
        meta = json.load(f)
    out = subprocess.run(['tshark', '-r', pcap, '-o', 'tcp.relative_sequence_numbers:FALSE', '-T', 'fields', '-E', 'separator=|'] +
                         sum((['-e', x] for x in FIELDS), []),
                         check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    rows = [dict(zip(FIELDS, line.split('|'))) for line in out.splitlines() if line.strip()]
    client_ip = meta['client']
    conns = {}  # client port -> {'idx', 'c': isn, 's': isn}
    for r in rows:
        if r['icmp.type']:
            continue  # an ICMP error quotes a segment of a connection already seen
        cport = r['tcp.srcport'] if r['ip.src'] == client_ip else r['tcp.dstport']
        if cport not in conns:
            conns[cport] = {'idx': len(conns), 'c': None, 's': None}
        fl = int(r['tcp.flags'], 16)
        side = 'c' if r['ip.src'] == client_ip else 's'
        if fl & 0x02 and conns[cport][side] is None:
            conns[cport][side] = int(r['tcp.seq_raw'])
    packets = []
    for r in rows:
        if r['icmp.type']:
            packets.append(icmp_packet(r, client_ip, conns))
            continue
        side = 'c' if r['ip.src'] == client_ip else 's'
        peer = 's' if side == 'c' else 'c'
        cport = r['tcp.srcport'] if side == 'c' else r['tcp.dstport']
        conn = conns[cport]
        fl = int(r['tcp.flags'], 16)
        seq = int(r['tcp.seq_raw'])
        ack = int(r['tcp.ack_raw'])
        p = {
            't': round(float(r['frame.time_relative']), 6),
            'dir': 'c>s' if side == 'c' else 's>c',
            'conn': conn['idx'],
            'flags': [n for n, b in FLAG_BITS if fl & b],
        }
        if conn[side] is None:
            p['seq'] = seq
            p['seqRaw'] = True
        else:
            p['seq'] = (seq - conn[side]) % 2**32
        if fl & 0x10:
            if conn[peer] is None:
                p['ack'] = ack
                p['ackRaw'] = True
            else:
                p['ack'] = (ack - conn[peer]) % 2**32
        else:
            p['ack'] = None
        p['len'] = int(r['tcp.len'])
        p['win'] = int(r['tcp.window_size_value'])
        p['options'] = options(r['tcp.option_kind'], r['tcp.options.mss_val'],
                               r['tcp.options.wscale.shift'], r['tcp.options.timestamp.tsval'],
                               r['tcp.options.timestamp.tsecr'], r['tcp.options.tfo.cookie'])
        packets.append(p)
    set_cli = meta['sysctls_set']['client']
    set_srv = meta['sysctls_set']['server']
    summary = {
        'scenario': name,
        'description': meta['description'],
        'kernel': meta['kernel'],
        'hz': 250,
        'addresses': {'client': meta['client'], 'server': meta['server'],
                      'clientPorts': sorted(conns, key=lambda k: conns[k]['idx'])},
        'sysctlsSet': {'client': set_cli, 'server': set_srv},
        'sysctls': {'client': {k: meta['sysctls_client'].get(k) for k in KEY_SYSCTLS},
                    'server': {k: meta['sysctls_server'].get(k) for k in KEY_SYSCTLS}},
        'nstat': {'client': meta['nstat_client'], 'server': meta['nstat_server']},
        'link': meta.get('link', {'kind': 'veth', 'delay': 0}),
        # tcpdump runs in the client's namespace: client packets are stamped when sent, server
        # packets when they arrive (after the link delay)
        'capturedAt': 'client',
        'events': meta['events'],
        'packets': packets,
    }
    with open(os.path.join(FIX, name + '.json'), 'w') as f:
        f.write(json.dumps(summary, indent=1) + '\n')
    full = os.path.join(FIX, 'sysctls-default.txt')
    if not set_cli and not set_srv:
        with open(full, 'w') as f:
            f.write(f'# uname -r: {meta["kernel"]}; `sysctl -a | grep ^net.ipv4.tcp_` in a fresh namespace\n')
            for k, v in sorted(meta['sysctls_client'].items()):
                f.write(f'{k} = {v}\n')
    os.remove(meta_path)
    print(name, len(packets), 'packets')


def main():
    names = sys.argv[1:] or sorted(f[:-len('.meta.json')] for f in os.listdir(FIX) if f.endswith('.meta.json'))
    for n in names:
        summarize(n)


if __name__ == '__main__':
    main()
