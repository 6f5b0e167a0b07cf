#!/usr/bin/env bash
# Brings the mail lab up on loopback (see lab/README.md for the topology): the main Postfix instance
# (/etc/postfix), a second Postfix instance standing in for remote MXes, Dovecot (IMAP + SASL for
# Postfix) and dnsmasq serving test DNSBL zones. Idempotent: configuration is regenerated on every
# run; a daemon whose configuration changed is restarted, one already running with the same
# configuration is left alone. Exits non-zero with a message saying what failed.
#
#   lab/mail-up.sh            bring everything up, write $LAB_DIR/state.env
#   lab/mail-up.sh --users    only restore the lab users' passwords (after a test changed them)
#
# Nothing here may reach beyond 127.0.0.0/8: every Postfix route is a bracketed loopback address,
# DNS lookups by the MTAs are off, and the only DNS server is a dnsmasq without upstream servers.
set -euo pipefail

LAB_DIR=${QUENCH_LAB_DIR:-/var/tmp/quench-lab}
HERE=$(cd "$(dirname "$0")" && pwd)

# --- topology (documented in lab/README.md; the Java fixture reads the values from state.env) ---
HOSTNAME_SHORT=mx1
MYHOSTNAME=mx1.example.test
LOCAL_DOMAIN=example.test
USERS=(alice bob carol mallory)
SMTP_ADDR=127.0.0.1
SMTP_PORT=25
SUBMISSION_PORT=587
IMAP_PORT=143
# Trusted internal relays: the host itself, one single relay, and a /29 (127.0.0.16-23) that holds
# a rogue machine (127.0.0.20) among well-behaved neighbours, for the rogue-trusted-ip runbook.
MYNETWORKS="127.0.0.1/32, 127.0.0.10/32, 127.0.0.16/29"
TRUSTED_RELAY=127.0.0.10
TRUSTED_CIDR=127.0.0.16/29
ROGUE_IP=127.0.0.20
# Clients outside mynetworks ("the Internet") can use any other 127.x address, e.g. 127.0.1.x.
REMOTE_INSTANCE=postfix-remote
REMOTE_CONF=/etc/$REMOTE_INSTANCE
REMOTE_ADDR=127.0.1.25
REMOTE_DEFER_PORT=25      # answers every RCPT with 451: mail stays deferred in the main queue
REMOTE_BLOCK_PORT=2550    # rejects the main instance with Outlook's S3150 block-list reply
BLOCKED_DOMAINS=(outlook.test hotmail.test)
DNS_ADDR=127.0.0.53
MAIL_LOG=/var/log/mail.log
REMOTE_LOG=/var/log/mail-remote.log
DOVECOT_LOG=/var/log/mail.log
VMAIL_BASE=/var/mail/vhosts
USERS_FILE=/etc/dovecot/quench-users

say() { echo "mail-up: $*" >&2; }
die() { echo "mail-up: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (it configures /etc/postfix and /etc/dovecot and binds port 25)"
mkdir -p "$LAB_DIR"
chmod 700 "$LAB_DIR"

# install_if_changed SRC DST: moves SRC over DST when they differ; prints "changed" if it did.
# Used so a warm run restarts only what it reconfigured.
install_if_changed() {
  if [ -f "$2" ] && cmp -s "$1" "$2"; then
    rm -f "$1"
    chmod 0644 "$2"
  else
    chmod 0644 "$1" # mktemp makes 0600; Postfix daemons (not root) read these maps
    mv "$1" "$2"
    echo changed
  fi
}

# --- users: passwords generated once per lab, kept in $LAB_DIR (0600) for the tests -------------
write_users() {
  local pwfile=$LAB_DIR/passwords.env tmp line u p hash
  if [ ! -s "$pwfile" ]; then
    umask 077
    for u in "${USERS[@]}"; do
      printf 'PASSWORD_%s=%s\n' "$u" "$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | head -c 16)"
    done >"$pwfile"
  fi
  # Re-hash only when the passwords file is newer than the reference passwd-file: hashing is salted,
  # so hashing every time would make every run look like a change.
  if [ ! -s "$LAB_DIR/users.passwd" ] || [ "$pwfile" -nt "$LAB_DIR/users.passwd" ]; then
    tmp=$(mktemp "$LAB_DIR/users.XXXXXX")
    while IFS='=' read -r line p; do
      u=${line#PASSWORD_}
      # doveadm pw reads the password twice from a non-terminal stdin: it never appears in argv.
      hash=$(printf '%s\n%s\n' "$p" "$p" | doveadm pw -s SHA512-CRYPT) || die "doveadm pw failed"
      echo "$u@$LOCAL_DOMAIN:$hash"
    done <"$pwfile" >"$tmp"
    mv "$tmp" "$LAB_DIR/users.passwd"
  fi
  # The live passwd-file is what runbooks change (password reset); restore it from the reference.
  # Dovecot stats a passwd-file at most once per second and sees a change by mtime (whole seconds)
  # and size; the hashes have a fixed length. So a restore in the second of a reset would go unseen,
  # and so would a login in the second of the restore: wait out the second on both sides.
  cmp -s "$LAB_DIR/users.passwd" "$USERS_FILE" 2>/dev/null && return 0
  if [ -e "$USERS_FILE" ] && [ "$(stat -c %Y "$USERS_FILE")" = "$(date +%s)" ]; then sleep 1; fi
  install -m 0640 -o root -g dovecot "$LAB_DIR/users.passwd" "$USERS_FILE"
  local now; now=$(date +%s)
  while [ "$(date +%s)" = "$now" ]; do sleep 0.1; done
}

if [ "${1:-}" = "--users" ]; then
  write_users
  say "users restored in $USERS_FILE"
  exit 0
fi

started=$(date +%s.%N)
bash "$HERE/install-packages.sh" || die "required packages are missing (see above)"

# --- accounts and directories ----------------------------------------------------------------------
getent group vmail >/dev/null || groupadd --system vmail
getent passwd vmail >/dev/null || useradd --system --gid vmail --home-dir "$VMAIL_BASE" --shell /usr/sbin/nologin vmail
VMAIL_UID=$(id -u vmail)
VMAIL_GID=$(getent group vmail | cut -d: -f3)
install -d -o vmail -g vmail -m 0770 "$VMAIL_BASE" "$VMAIL_BASE/$LOCAL_DOMAIN"
touch "$MAIL_LOG" "$REMOTE_LOG"
write_users

# --- dnsmasq: DNSBL test zones ----------------------------------------------------------------------
# zen.test        Spamhaus-style list: 127.0.0.2 (the conventional test point) -> 127.0.0.2 (SBL),
#                 127.0.0.1 (the lab's outbound IP) -> 127.0.0.3 (CSS), 127.0.0.20 (the rogue relay)
#                 -> 127.0.0.4 (XBL), 2001:db8::25 (IPv6, nibble form) -> 127.0.0.2; each with a TXT
#                 reason. Anything else: NXDOMAIN (not listed).
# refused.test    answers 127.255.255.254 for every name: Spamhaus' "query via public resolver"
#                 error code, which must be reported as an error, never as a listing.
# outlookbl.test  private list the remote MX consults (reject_rbl_client): 127.0.0.1 -> 127.0.0.2,
#                 so mail from the main instance to outlook.test is refused with S3150.
# clean.test      empty list: every lookup is NXDOMAIN.
dnsmasq_conf=$(mktemp "$LAB_DIR/dnsmasq.XXXXXX")
cat >"$dnsmasq_conf" <<EOF
# generated by lab/mail-up.sh
listen-address=$DNS_ADDR
bind-interfaces
port=53
no-resolv
no-poll
no-hosts
pid-file=$LAB_DIR/dnsmasq.pid
log-facility=$LAB_DIR/dnsmasq.log
local=/zen.test/
local=/outlookbl.test/
local=/clean.test/
host-record=2.0.0.127.zen.test,127.0.0.2
txt-record=2.0.0.127.zen.test,"https://check.spamhaus.org/sbl/query/SBLCSS"
host-record=1.0.0.127.zen.test,127.0.0.3
txt-record=1.0.0.127.zen.test,"https://check.spamhaus.org/query/ip/127.0.0.1"
host-record=20.0.0.127.zen.test,127.0.0.4
txt-record=20.0.0.127.zen.test,"https://check.spamhaus.org/query/ip/127.0.0.20"
host-record=5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.test,127.0.0.2
txt-record=5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.test,"https://check.spamhaus.org/query/ip/2001:db8::25"
address=/refused.test/127.255.255.254
host-record=1.0.0.127.outlookbl.test,127.0.0.2
EOF
dnsmasq_changed=$(install_if_changed "$dnsmasq_conf" "$LAB_DIR/dnsmasq.conf")

# --- Dovecot ---------------------------------------------------------------------------------------
# Self-contained (no conf.d includes, which expect TLS certificates). Its log lines go into the
# mail log with a syslog-style prefix ("Mon dd hh:mm:ss mx1 dovecot: ...") so the log parser sees
# one file as on a real host.
dovecot_conf=$(mktemp "$LAB_DIR/dovecot.XXXXXX")
cat >"$dovecot_conf" <<EOF
# generated by quench lab/mail-up.sh (original kept as dovecot.conf.quench-orig)
protocols = imap
listen = $SMTP_ADDR
base_dir = /run/dovecot
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
log_path = $DOVECOT_LOG
log_timestamp = "%b %e %H:%M:%S $HOSTNAME_SHORT dovecot: "
mail_location = maildir:$VMAIL_BASE/%d/%n
mail_uid = vmail
mail_gid = vmail
first_valid_uid = $VMAIL_UID
last_valid_uid = $VMAIL_UID
passdb {
  driver = passwd-file
  args = scheme=SHA512-CRYPT $USERS_FILE
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=$VMAIL_BASE/%d/%n
}
service imap-login {
  inet_listener imap {
    address = $SMTP_ADDR
    port = $IMAP_PORT
  }
}
service auth {
  unix_listener /var/spool/postfix/private/auth {
    mode = 0660
    user = postfix
    group = postfix
  }
  unix_listener auth-userdb {
    mode = 0600
    user = vmail
  }
}
EOF
[ -f /etc/dovecot/dovecot.conf.quench-orig ] || cp -p /etc/dovecot/dovecot.conf /etc/dovecot/dovecot.conf.quench-orig
dovecot_changed=$(install_if_changed "$dovecot_conf" /etc/dovecot/dovecot.conf)

# --- main Postfix instance (/etc/postfix) -----------------------------------------------------------
install -d /etc/postfix/quench-lab
# Remote domains default to the deferring sink (default_transport); these go to the blocking one.
transport=$(mktemp "$LAB_DIR/transport.XXXXXX")
for d in "${BLOCKED_DOMAINS[@]}"; do
  printf '%s\tsmtp:[%s]:%s\n' "$d" "$REMOTE_ADDR" "$REMOTE_BLOCK_PORT"
done >"$transport"
main_maps_changed=$(install_if_changed "$transport" /etc/postfix/quench-lab/transport)
vmailbox=$(mktemp "$LAB_DIR/vmailbox.XXXXXX")
for u in "${USERS[@]}" postmaster abuse; do
  printf '%s@%s\t%s/%s/\n' "$u" "$LOCAL_DOMAIN" "$LOCAL_DOMAIN" "$u"
done >"$vmailbox"
main_maps_changed+=$(install_if_changed "$vmailbox" /etc/postfix/quench-lab/vmailbox)

main_cf=$(mktemp "$LAB_DIR/main.cf.XXXXXX")
cat >"$main_cf" <<EOF
# generated by quench lab/mail-up.sh: a closed mail server on loopback; nothing leaves 127.0.0.0/8.
compatibility_level = 3.6
myhostname = $MYHOSTNAME
mydomain = $LOCAL_DOMAIN
myorigin = \$mydomain
mydestination = localhost, \$myhostname
alias_maps =
alias_database =
biff = no
append_dot_mydomain = no
readme_directory = no
inet_interfaces = loopback-only
inet_protocols = ipv4
maillog_file = $MAIL_LOG

# Trusted internal relays (see lab/README.md); everyone else must authenticate to relay.
mynetworks = $MYNETWORKS
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
smtpd_sasl_type = dovecot
smtpd_sasl_path = private/auth
smtpd_sasl_auth_enable = yes
smtpd_sasl_security_options = noanonymous
smtpd_tls_security_level = none
smtpd_tls_auth_only = no
smtpd_peername_lookup = no

# Local domain: Postfix's virtual(8) writes Maildirs that Dovecot serves.
virtual_mailbox_domains = $LOCAL_DOMAIN
virtual_mailbox_base = $VMAIL_BASE
virtual_mailbox_maps = texthash:/etc/postfix/quench-lab/vmailbox
virtual_uid_maps = static:$VMAIL_UID
virtual_gid_maps = static:$VMAIL_GID
virtual_minimum_uid = $VMAIL_UID

# Every remote domain goes to the stand-in remote MX on loopback, never to a real MX; no DNS.
default_transport = smtp:[$REMOTE_ADDR]:$REMOTE_DEFER_PORT
relayhost = [$REMOTE_ADDR]:$REMOTE_DEFER_PORT
transport_maps = texthash:/etc/postfix/quench-lab/transport
relay_domains =
smtp_dns_support_level = disabled
smtp_host_lookup = native
lmtp_host_lookup = native
smtp_tls_security_level = none

# Deferred mail must stay in the queue for the duration of a test: no retry for hours.
queue_run_delay = 1h
minimal_backoff_time = 2h
maximal_backoff_time = 4h

# Second instance (the remote MXes), managed with postmulti.
multi_instance_wrapper = \${command_directory}/postmulti -p --
multi_instance_enable = yes
multi_instance_directories = $REMOTE_CONF
EOF
master_cf=$(mktemp "$LAB_DIR/master.cf.XXXXXX")
cp /usr/share/postfix/master.cf.dist "$master_cf"
stage=$(mktemp -d "$LAB_DIR/stage.XXXXXX")
cp "$main_cf" "$stage/main.cf"
cp "$master_cf" "$stage/master.cf"
# Debian marks services chroot = y, and `postfix start` does not populate the jail: no chroot here.
postconf -c "$stage" -F '*/*/chroot = n'
postconf -c "$stage" -M "submission/inet=submission inet n - n - - smtpd"
postconf -c "$stage" -P "submission/inet/syslog_name=postfix/submission" \
  "submission/inet/smtpd_sasl_auth_enable=yes" \
  "submission/inet/smtpd_client_restrictions=permit_sasl_authenticated,reject" \
  "submission/inet/smtpd_relay_restrictions=permit_sasl_authenticated,reject"
main_changed=$(install_if_changed "$stage/main.cf" /etc/postfix/main.cf)
master_changed=$(install_if_changed "$stage/master.cf" /etc/postfix/master.cf)
rm -rf "$stage" "$main_cf" "$master_cf"

# --- second instance: the remote MXes ---------------------------------------------------------------
install -d "$REMOTE_CONF"
if [ ! -d /var/spool/$REMOTE_INSTANCE ]; then
  install -d -m 0755 /var/spool/$REMOTE_INSTANCE
fi
install -d -o postfix -g postfix /var/lib/$REMOTE_INSTANCE
remote_main=$(mktemp "$LAB_DIR/rmain.XXXXXX")
cat >"$remote_main" <<EOF
# generated by quench lab/mail-up.sh: stand-in for remote MXes; accepts nothing.
compatibility_level = 3.6
queue_directory = /var/spool/$REMOTE_INSTANCE
data_directory = /var/lib/$REMOTE_INSTANCE
multi_instance_name = $REMOTE_INSTANCE
multi_instance_enable = yes
# postmulti create would set master_service_disable = inet; this instance exists to listen.
master_service_disable =
syslog_name = $REMOTE_INSTANCE
maillog_file = $REMOTE_LOG
myhostname = mx.remote.test
mydestination =
relay_domains =
alias_maps =
alias_database =
# Postfix insists that inet_interfaces be addresses of an interface, and lo carries only 127.0.0.1:
# the listeners name 127.0.1.25 in master.cf instead (binding any 127.x works on Linux).
inet_interfaces = loopback-only
inet_protocols = ipv4
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
default_transport = error:the remote stand-in never delivers
# It rejects on purpose, all day: no tarpit, no disconnect after N errors (lab.md).
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 100000
smtpd_hard_error_limit = 100000
smtpd_junk_command_limit = 100000
smtpd_client_restrictions =
smtpd_relay_restrictions = check_recipient_access regexp:$REMOTE_CONF/greylist, reject
rbl_reply_maps = texthash:$REMOTE_CONF/rbl_reply
EOF
cat >"$LAB_DIR/greylist.new" <<'EOF'
/./	451 4.7.1 Greylisted, please try again later
EOF
remote_maps_changed=$(install_if_changed "$LAB_DIR/greylist.new" "$REMOTE_CONF/greylist")
# The exact Outlook.com S3150 reply, produced by a real reject_rbl_client lookup.
cat >"$LAB_DIR/rbl_reply.new" <<'EOF'
outlookbl.test	550 5.7.1 Unfortunately, messages from [$client_address] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.
EOF
remote_maps_changed+=$(install_if_changed "$LAB_DIR/rbl_reply.new" "$REMOTE_CONF/rbl_reply")
rstage=$(mktemp -d "$LAB_DIR/rstage.XXXXXX")
cp "$remote_main" "$rstage/main.cf"
rm -f "$remote_main"
cp /usr/share/postfix/master.cf.dist "$rstage/master.cf"
postconf -c "$rstage" -F '*/*/chroot = n'
postconf -c "$rstage" -M "smtp/inet=$REMOTE_ADDR:$REMOTE_DEFER_PORT inet n - n - - smtpd"
# The blocking listener is the one smtpd that needs DNS (reject_rbl_client). The only way to point
# Postfix's resolver at dnsmasq without touching the machine's /etc/resolv.conf is a chroot whose
# etc/resolv.conf names 127.0.0.53, so this one service runs chrooted.
postconf -c "$rstage" -M "$REMOTE_ADDR:$REMOTE_BLOCK_PORT/inet=$REMOTE_ADDR:$REMOTE_BLOCK_PORT inet n - y - - smtpd"
postconf -c "$rstage" -P "$REMOTE_ADDR:$REMOTE_DEFER_PORT/inet/syslog_name=$REMOTE_INSTANCE"
postconf -c "$rstage" -P "$REMOTE_ADDR:$REMOTE_BLOCK_PORT/inet/smtpd_client_restrictions=reject_rbl_client,outlookbl.test"
postconf -c "$rstage" -P "$REMOTE_ADDR:$REMOTE_BLOCK_PORT/inet/syslog_name=$REMOTE_INSTANCE/block"
remote_main_changed=$(install_if_changed "$rstage/main.cf" "$REMOTE_CONF/main.cf")
remote_master_changed=$(install_if_changed "$rstage/master.cf" "$REMOTE_CONF/master.cf")
rm -rf "$rstage"
install -d /var/spool/$REMOTE_INSTANCE/etc
echo "nameserver $DNS_ADDR" >"$LAB_DIR/resolv.new"
remote_maps_changed+=$(install_if_changed "$LAB_DIR/resolv.new" /var/spool/$REMOTE_INSTANCE/etc/resolv.conf)
for f in hosts services localtime nsswitch.conf host.conf; do
  [ -e /etc/$f ] && cp -pL /etc/$f /var/spool/$REMOTE_INSTANCE/etc/ 2>/dev/null || true
done
# Creates the instance's queue directories with the right owners (what postmulti create does).
postfix -c "$REMOTE_CONF" check >/dev/null 2>"$LAB_DIR/postfix-check.err" \
  || die "postfix -c $REMOTE_CONF check: $(cat "$LAB_DIR/postfix-check.err")"
postfix check >/dev/null 2>"$LAB_DIR/postfix-check.err" \
  || die "postfix check: $(cat "$LAB_DIR/postfix-check.err")"

# --- start or restart ------------------------------------------------------------------------------
pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
pid_of_file() { [ -s "$1" ] && tr -d ' \n' <"$1" || true; }

await() { # await DESCRIPTION SECONDS COMMAND...: polls until COMMAND succeeds
  local what=$1 secs=$2 i
  shift 2
  for ((i = 0; i < secs * 10; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "$what did not come up within ${secs}s"
}
listening() { ss -Hltn "sport = :$2" | grep -q "$1:$2 "; }
# dnsmasq bound to its address is checked here; the zone contents are checked by the Java tests
# (MailLabTest), which can query a given server (dig is not installed).
dns_up() { ss -Hlun "sport = :53" | grep -q "$DNS_ADDR:53 "; }

# dnsmasq
dns_pid=$(pid_of_file "$LAB_DIR/dnsmasq.pid")
if pid_alive "$dns_pid" && [ -n "$dnsmasq_changed" ]; then
  kill "$dns_pid"
  for _ in $(seq 50); do pid_alive "$dns_pid" || break; sleep 0.1; done
fi
if ! pid_alive "$dns_pid" || [ -n "$dnsmasq_changed" ]; then
  rm -f "$LAB_DIR/dnsmasq.pid"
  dnsmasq --conf-file="$LAB_DIR/dnsmasq.conf" </dev/null >"$LAB_DIR/dnsmasq.out" 2>&1 \
    || die "dnsmasq did not start: $(cat "$LAB_DIR/dnsmasq.out")"
  say "dnsmasq started on $DNS_ADDR:53"
fi
await "dnsmasq on $DNS_ADDR:53" 5 dns_up
dns_pid=$(pid_of_file "$LAB_DIR/dnsmasq.pid")

# Dovecot (before Postfix: smtpd needs the auth socket)
dovecot_pid=$(pid_of_file /run/dovecot/master.pid)
if pid_alive "$dovecot_pid" && [ -n "$dovecot_changed" ]; then
  doveadm stop >/dev/null 2>&1 || kill "$dovecot_pid"
  for _ in $(seq 50); do pid_alive "$dovecot_pid" || break; sleep 0.1; done
fi
if ! pid_alive "$dovecot_pid"; then
  dovecot </dev/null >"$LAB_DIR/dovecot.out" 2>&1 || die "dovecot did not start: $(cat "$LAB_DIR/dovecot.out")"
  say "dovecot started"
fi
await "dovecot IMAP on $SMTP_ADDR:$IMAP_PORT" 10 listening "$SMTP_ADDR" "$IMAP_PORT"
await "dovecot auth socket" 10 test -S /var/spool/postfix/private/auth
dovecot_pid=$(pid_of_file /run/dovecot/master.pid)

# Postfix, both instances. A changed main.cf may change listeners: restart rather than reload.
postfix_instance() { # postfix_instance NAME CHANGED
  local name=$1 changed=$2
  if postmulti -i "$name" -p status >/dev/null 2>&1; then
    if [ -n "$changed" ]; then
      postmulti -i "$name" -p stop </dev/null >/dev/null 2>&1 || true
      for _ in $(seq 100); do postmulti -i "$name" -p status >/dev/null 2>&1 || break; sleep 0.1; done
    else
      return 0
    fi
  fi
  postmulti -i "$name" -p start </dev/null >"$LAB_DIR/postfix-$name.out" 2>&1 \
    || die "postfix instance $name did not start: $(cat "$LAB_DIR/postfix-$name.out"; tail -5 "$MAIL_LOG")"
  say "postfix instance $name started"
}
postfix_instance "$REMOTE_INSTANCE" "$remote_main_changed$remote_master_changed$remote_maps_changed"
await "remote MX on $REMOTE_ADDR:$REMOTE_DEFER_PORT" 10 listening "$REMOTE_ADDR" "$REMOTE_DEFER_PORT"
await "remote MX on $REMOTE_ADDR:$REMOTE_BLOCK_PORT" 10 listening "$REMOTE_ADDR" "$REMOTE_BLOCK_PORT"
postfix_instance - "$main_changed$master_changed$main_maps_changed"
await "postfix on $SMTP_ADDR:$SMTP_PORT" 10 listening "$SMTP_ADDR" "$SMTP_PORT"
await "postfix submission on $SMTP_ADDR:$SUBMISSION_PORT" 10 listening "$SMTP_ADDR" "$SUBMISSION_PORT"
postfix_pid=$(pid_of_file /var/spool/postfix/pid/master.pid)
remote_pid=$(pid_of_file /var/spool/$REMOTE_INSTANCE/pid/master.pid)

# --- state for the tests and for mail-down.sh -------------------------------------------------------
state=$(mktemp "$LAB_DIR/state.XXXXXX")
{
  echo "# written by lab/mail-up.sh at $(date -Is)"
  echo "LAB_DIR=$LAB_DIR"
  echo "MAIL_HOSTNAME=$MYHOSTNAME"
  echo "LOCAL_DOMAIN=$LOCAL_DOMAIN"
  echo "USERS=\"${USERS[*]}\""
  echo "SMTP_ADDR=$SMTP_ADDR"
  echo "SMTP_PORT=$SMTP_PORT"
  echo "SUBMISSION_PORT=$SUBMISSION_PORT"
  echo "IMAP_PORT=$IMAP_PORT"
  echo "MYNETWORKS=\"$MYNETWORKS\""
  echo "TRUSTED_RELAY=$TRUSTED_RELAY"
  echo "TRUSTED_CIDR=$TRUSTED_CIDR"
  echo "ROGUE_IP=$ROGUE_IP"
  echo "REMOTE_INSTANCE=$REMOTE_INSTANCE"
  echo "REMOTE_ADDR=$REMOTE_ADDR"
  echo "REMOTE_DEFER_PORT=$REMOTE_DEFER_PORT"
  echo "REMOTE_BLOCK_PORT=$REMOTE_BLOCK_PORT"
  echo "BLOCKED_DOMAINS=\"${BLOCKED_DOMAINS[*]}\""
  echo "DNS_ADDR=$DNS_ADDR"
  echo "DNS_PORT=53"
  echo "MAIL_LOG=$MAIL_LOG"
  echo "REMOTE_LOG=$REMOTE_LOG"
  echo "USERS_FILE=$USERS_FILE"
  echo "VMAIL_BASE=$VMAIL_BASE"
  echo "DNSMASQ_PID=$dns_pid"
  echo "DOVECOT_PID=$dovecot_pid"
  echo "POSTFIX_PID=$postfix_pid"
  echo "REMOTE_POSTFIX_PID=$remote_pid"
  cat "$LAB_DIR/passwords.env"
} >"$state"
mv "$state" "$LAB_DIR/state.env"
say "up in $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')s; state in $LAB_DIR/state.env"
