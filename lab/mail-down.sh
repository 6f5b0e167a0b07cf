#!/usr/bin/env bash
# Stops what lab/mail-up.sh started: both Postfix instances (through postfix itself), Dovecot and
# dnsmasq (by the PIDs their pid files record, checked against the process name first). Idempotent:
# a daemon that is not running is skipped. Configuration, queue and logs are left in place, so the
# next mail-up.sh is a warm start.
set -euo pipefail

LAB_DIR=${QUENCH_LAB_DIR:-/var/tmp/quench-lab}
REMOTE_INSTANCE=postfix-remote
[ -r "$LAB_DIR/state.env" ] && . "$LAB_DIR/state.env"

say() { echo "mail-down: $*" >&2; }
[ "$(id -u)" -eq 0 ] || { say "must run as root"; exit 1; }

# stop_pid NAME PID: SIGTERM to PID if it is a running NAME process, then wait for it to go.
stop_pid() {
  local name=$1 pid=$2 comm
  [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] || return 0
  comm=$(cat "/proc/$pid/comm")
  if [ "$comm" != "$name" ]; then
    say "pid $pid is '$comm', not $name: left alone"
    return 0
  fi
  kill "$pid"
  for _ in $(seq 100); do [ -d "/proc/$pid" ] || { say "$name ($pid) stopped"; return 0; }; sleep 0.1; done
  say "$name ($pid) did not stop within 10s"
  return 1
}
pid_of_file() { [ -s "$1" ] && tr -d ' \n' <"$1" || true; }

rc=0
if command -v postmulti >/dev/null 2>&1; then
  for instance in - "$REMOTE_INSTANCE"; do
    if postmulti -i "$instance" -p status >/dev/null 2>&1; then
      postmulti -i "$instance" -p stop </dev/null >/dev/null 2>&1 || rc=1
      say "postfix instance $instance stopped"
    fi
  done
fi
if [ -s /run/dovecot/master.pid ]; then
  stop_pid dovecot "$(pid_of_file /run/dovecot/master.pid)" || rc=1
fi
stop_pid dnsmasq "$(pid_of_file "$LAB_DIR/dnsmasq.pid")" || rc=1
rm -f "$LAB_DIR/dnsmasq.pid"
exit $rc
