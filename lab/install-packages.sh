#!/usr/bin/env bash
# Installs the Debian packages the test lab needs, when they are missing. Needs root (as in CI);
# without root it says what is missing and stops, because the tests cannot run without them.
set -euo pipefail
need=()
command -v /usr/sbin/sshd >/dev/null 2>&1 || need+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
# Mail lab (lab/mail-up.sh): the real MTA, IMAP/SASL server, DNSBL server and tools the tests drive.
[ -x /usr/sbin/postfix ] || need+=(postfix)
[ -x /usr/sbin/dovecot ] || need+=(dovecot-core)
[ -e /usr/lib/dovecot/imap ] || need+=(dovecot-imapd)
command -v swaks >/dev/null 2>&1 || need+=(swaks)
[ -x /usr/sbin/dnsmasq ] || need+=(dnsmasq-base)
command -v jq >/dev/null 2>&1 || need+=(jq)
# Incident report test: the HTML report is rendered by a real headless browser.
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "lab: missing packages: ${need[*]}; install them (apt-get install ${need[*]}) or run as root" >&2
  exit 1
fi
echo "lab: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Postfix asks what kind of mail server this is; the lab writes its own main.cf, so: none.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
# Package scripts must not start daemons with the distribution's config: the lab starts its own.
# A policy-rc.d that exits 101 tells invoke-rc.d "not now"; keep one that is already there.
temp_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  temp_policy=/usr/sbin/policy-rc.d
  printf '#!/bin/sh\nexit 101\n' >"$temp_policy"
  chmod 755 "$temp_policy"
  trap 'rm -f "$temp_policy"' EXIT
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
