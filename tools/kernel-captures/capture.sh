#!/bin/bash
# Re-capture the kernel fixtures: tools/kernel-captures/capture.sh [scenario ...]
# Needs root, tcpdump, tshark, nft, iproute2. Creates and deletes its own namespaces
# (tcf-cli, tcf-srv); nothing outside them is touched.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cleanup() { ip netns del tcf-cli 2>/dev/null || true; ip netns del tcf-srv 2>/dev/null || true; }
trap cleanup EXIT INT TERM
timeout 300 python3 "$here/capture.py" "$@"
python3 "$here/summarize.py" "$@"
