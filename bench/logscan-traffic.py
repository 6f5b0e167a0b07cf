#!/usr/bin/env python3
"""Real SMTP traffic into the lab (lab/README.md) for bench/logscan's template logs.

  logscan-traffic.py normal    # everyday traffic: users from their usual IPs, a newsletter, inbound mail
  logscan-traffic.py incident  # a hijacked mallory: many IPs, forged senders, block-listed recipients

Only loopback addresses: everyday clients on 127.0.7.x, the incident on 127.0.8.x, so the recorder
can keep exactly these sessions' lines when other runs share the lab. Passwords from the lab's state file.
"""
import smtplib, sys

state = {}
for line in open("/var/tmp/quench-lab/state.env"):
    if "=" in line and not line.startswith("#"):
        k, v = line.rstrip("\n").split("=", 1)
        state[k] = v.strip('"')
HOST = state.get("SMTP_ADDR", "127.0.0.1")
SUB = int(state.get("SUBMISSION_PORT", 587))
MX = int(state.get("SMTP_PORT", 25))
DOM = state.get("LOCAL_DOMAIN", "example.test")


def msg(frm, to, subject):
    return f"From: {frm}\r\nTo: {', '.join(to)}\r\nSubject: {subject}\r\n\r\nbody\r\n"


def session(user, ip, sends):
    s = smtplib.SMTP(HOST, SUB, source_address=(ip, 0))
    s.ehlo("client.test")
    s.login(f"{user}@{DOM}", state[f"PASSWORD_{user}"])
    for frm, to in sends:
        s.sendmail(frm, to, msg(frm, to, "hello"))
    s.quit()


def inbound(ip, n):
    s = smtplib.SMTP(HOST, MX, source_address=(ip, 0))
    s.ehlo("sender.example.net")
    for i in range(n):
        rc = [f"{u}@{DOM}" for u in ("alice", "bob", "carol")][i % 3]
        s.sendmail(f"news{i}@example.net", [rc], msg(f"news{i}@example.net", [rc], "inbound"))
    s.quit()


if sys.argv[1] == "normal":
    for k in range(3):
        session("alice", "127.0.7.11", [(f"alice@{DOM}", [f"partner{k}{i}@example.net"]) for i in range(10)])
        session("bob", "127.0.7.12", [(f"bob@{DOM}", [f"client{k}{i}@example.com", f"bob@{DOM}"]) for i in range(8)])
        inbound("127.0.7.40", 30)
    # carol's newsletter: one IP, her own address, many recipients
    session("carol", "127.0.7.13", [(f"carol@{DOM}", [f"reader{i}{j}@example.net" for j in range(5)]) for i in range(40)])
else:
    forged = ["ceo@bank.test", f"alice@{DOM}", "billing@shop.test", "", f"mallory@{DOM}"]
    n = 0
    for ip in range(1, 25):
        sends = []
        for i in range(6):
            to = [f"victim{n}@outlook.test"] if n % 4 == 0 else [f"v{n}{c}@example.org" for c in "abc"]
            sends.append((forged[n % len(forged)], to))
            n += 1
        session("mallory", f"127.0.8.{ip}", sends)
