#!/usr/bin/env bash
# The main job, end to end on this machine: build quench, bring the mail lab up, stage a
# compromised-account incident with real SMTP traffic, then run the compromised-account runbook:
# first as a dry run (the plan), then for real. Needs root on Debian (installs what it lacks).
#   lab/demo.sh            # dry run, then apply
#   lab/demo.sh --dry-run  # stop after the plan
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$here"
lab/install-packages.sh
lab/mail-up.sh
# a clean queue and log, so the demo shows only its own incident (the lab's own log: state.env)
postsuper -d ALL >/dev/null 2>&1 || true
mail_log=$(sed -n 's/^MAIL_LOG=//p' /var/tmp/quench-lab/state.env | tr -d "'\"")
[ -n "$mail_log" ] && [ -f "$mail_log" ] && : > "$mail_log"
lab/stage-incident.sh 60
bin/quench run compromised-account -i inventory/lab.yml --since 1h --dry-run || true
[ "${1:-}" = --dry-run ] && exit 0
echo
echo "=== applying ==="
bin/quench run compromised-account -i inventory/lab.yml --since 1h --yes
