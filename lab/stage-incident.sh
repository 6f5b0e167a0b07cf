#!/usr/bin/env bash
# Stages a compromised-account incident on the running mail lab with real SMTP traffic (swaks):
#  - mallory@example.test's password is in a spammer's hands: authenticated submissions from 12
#    client addresses, forged envelope senders (including the null sender), many remote
#    recipients, some to outlook.test, which bounces them with a block-list (S3150) reply;
#  - carol@example.test sends a legitimate newsletter: one address, her own sender, many recipients;
#  - alice@example.test sends a few ordinary messages;
#  - 127.0.4.66 tries passwords against bob (brute force).
# Usage: lab/stage-incident.sh [MESSAGES=60]   (needs lab/mail-up.sh to have run)
set -euo pipefail
n=${1:-60}
state=/var/tmp/quench-lab/state.env
[ -r "$state" ] || { echo "stage-incident: the mail lab is not up (run lab/mail-up.sh)" >&2; exit 1; }
# shellcheck disable=SC1090
. "$state"
command -v swaks >/dev/null || { echo "stage-incident: swaks is missing (lab/install-packages.sh)" >&2; exit 1; }

send() { # user password client-ip from to [header-from]
  swaks --silent 2 --server "$SMTP_ADDR" --port "$SUBMISSION_PORT" --local-interface "$3" \
        --auth LOGIN --auth-user "$1" --auth-password "$2" --from "$4" --to "$5" \
        --h-From "${6:-$4}" --h-Subject "quench lab $RANDOM" --body "lab message" >/dev/null 2>&1 || true
}
pw() { eval "printf '%s' \"\$PASSWORD_$1\""; }

echo "stage-incident: mallory (compromised): $n messages from 12 addresses, forged senders" >&2
for i in $(seq 1 "$n"); do
  ip="127.0.2.$(( (i % 12) + 1 ))"
  case $((i % 4)) in
    0) from="mallory@example.test" ;;
    1) from="billing$i@forged-bank.test" ;;
    2) from="<>" ;;   # the null sender (swaks's --from "" would send root@$(hostname))
    *) from="noreply@paypa1.test" ;;
  esac
  to="victim$i@remote$((i % 7)).test"
  [ $((i % 10)) -eq 0 ] && to="someone$i@outlook.test"
  hfrom="$from"; [ "$from" = "<>" ] && hfrom="security@forged-bank.test"
  send "mallory@example.test" "$(pw mallory)" "$ip" "$from" "$to" "$hfrom" &
  [ $((i % 6)) -eq 0 ] && wait
done
wait
echo "stage-incident: carol (legitimate newsletter): 30 messages from one address" >&2
for i in $(seq 1 30); do
  send "carol@example.test" "$(pw carol)" 127.0.3.5 "carol@example.test" "subscriber$i@remote$((i % 5)).test" &
  [ $((i % 6)) -eq 0 ] && wait
done
wait
echo "stage-incident: alice (ordinary): 3 messages" >&2
for i in 1 2 3; do send "alice@example.test" "$(pw alice)" 127.0.3.7 "alice@example.test" "friend$i@remote1.test"; done
echo "stage-incident: 127.0.4.66 guessing bob's password" >&2
for i in 1 2 3 4 5; do send "bob@example.test" "guess$i" 127.0.4.66 "bob@example.test" "x@remote1.test" & done
wait
echo "stage-incident: done; queue: $(postqueue -j | wc -l) message(s)" >&2
