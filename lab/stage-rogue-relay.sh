#!/usr/bin/env bash
# Stages a rogue-trusted-ip incident on the running mail lab with real SMTP traffic (swaks, port 25,
# no AUTH - the machines are trusted through mynetworks):
#  - 127.0.0.20, inside the trusted 127.0.0.16/29, is compromised: MESSAGES messages with forged
#    envelope senders of domains the server does not host, to many remote recipients;
#  - its neighbours 127.0.0.17 and 127.0.0.18 (same /29) and the single relay 127.0.0.10 send a few
#    ordinary messages as example.test.
# Usage: lab/stage-rogue-relay.sh [MESSAGES=40]   (needs lab/mail-up.sh to have run)
set -euo pipefail
n=${1:-40}
state=/var/tmp/quench-lab/state.env
[ -r "$state" ] || { echo "stage-rogue-relay: the mail lab is not up (run lab/mail-up.sh)" >&2; exit 1; }
# shellcheck disable=SC1090
. "$state"
command -v swaks >/dev/null || { echo "stage-rogue-relay: swaks is missing (lab/install-packages.sh)" >&2; exit 1; }

send() { # client-ip helo from to
  swaks --silent 2 --server "$SMTP_ADDR" --port "$SMTP_PORT" --local-interface "$1" --helo "$2" \
        --from "$3" --to "$4" --h-From "$3" --h-Subject "quench lab $RANDOM" --body "lab message" >/dev/null 2>&1 || true
}

echo "stage-rogue-relay: $ROGUE_IP (rogue, inside $TRUSTED_CIDR): $n messages, forged senders" >&2
for i in $(seq 1 "$n"); do
  case $((i % 3)) in
    0) from="security$i@forged-bank.test" ;;
    1) from="noreply@paypa1.test" ;;
    *) from="invoice@shipping-notice.test" ;;
  esac
  send "$ROGUE_IP" "printer-07.example.test" "$from" "target$i@remote$((i % 9)).test" &
  [ $((i % 6)) -eq 0 ] && wait
done
wait
echo "stage-rogue-relay: neighbours 127.0.0.17, 127.0.0.18 and relay $TRUSTED_RELAY: 2 messages each" >&2
for ip in 127.0.0.17 127.0.0.18 "$TRUSTED_RELAY"; do
  for i in 1 2; do send "$ip" "app.example.test" "app@$LOCAL_DOMAIN" "partner$i@remote1.test"; done
done
echo "stage-rogue-relay: done; queue: $(postqueue -j | wc -l) message(s)" >&2
