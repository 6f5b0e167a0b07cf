#!/usr/bin/env python3
"""Builds a big mail.log by replaying real lab log lines (bench/logscan).

  logscan-replay.py NORMAL INCIDENT OUT SIZE_MB

Only the lines of the bench's own sessions are replayed (clients on 127.0.7.x / 127.0.8.x, the
queue ids they got, and the bounces those caused): the lab may be shared with concurrent test runs
whose lines the recorder also saw.

Repeats the NORMAL template until OUT reaches SIZE_MB, with the INCIDENT template replayed inside
(at 80 %). Every repetition gets fresh queue ids (short ids are reused by Postfix; a replay must
not merge messages) and timestamps that advance 5 ms per line from 00:00 today (UTC), so the file
reads like one long day. Prints the last timestamp as an ISO instant (the scan's reference).
"""
import datetime, re, sys

normal_path, incident_path, out_path, size_mb = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
STAMP = re.compile(r"^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\S+) ")
QID = re.compile(r"\b([0-9A-F]{8,12})\b")


CLIENT = re.compile(r"\b([0-9A-F]{8,12}): client=[^\[]*\[(127\.0\.[78]\.\d+)\]")
NDR = re.compile(r"\b([0-9A-F]{8,12}): sender non-delivery notification: ([0-9A-F]{8,12})")


def own_lines(path):
    """The lines of our clients' sessions and messages (and of the bounces they caused)."""
    raw = open(path, encoding="utf-8", errors="replace").read().splitlines()
    mine = {m.group(1) for l in raw for m in [CLIENT.search(l)] if m}
    for l in raw:
        m = NDR.search(l)
        if m and m.group(1) in mine:
            mine.add(m.group(2))
    for l in raw:
        if "[127.0.7." in l or "[127.0.8." in l or any(q in mine for q in QID.findall(l)):
            yield l


def template(path):
    """Each line split into (body with {q<n>} placeholders for queue ids, ids in order)."""
    lines, ids = [], {}
    for line in own_lines(path):
        m = STAMP.match(line)
        if not m:
            continue
        body = line[m.end():].rstrip("\n").replace("{", "{{").replace("}", "}}")

        def sub(mm):
            k = ids.setdefault(mm.group(1), len(ids))
            return "{q%d}" % k
        lines.append(QID.sub(sub, body))
    return lines, len(ids)


normal, n_ids = template(normal_path)
incident, i_ids = template(incident_path)
if not normal or not incident:
    sys.exit("replay: empty template")
limit = size_mb * 1024 * 1024
day = datetime.datetime.now(datetime.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
t_ms = 0
counter = 0x100000
written = 0
incident_done = False
with open(out_path, "w", encoding="utf-8") as out:
    buf = []
    while written < limit:
        use_incident = not incident_done and written >= limit * 0.8
        lines, k = (incident, i_ids) if use_incident else (normal, n_ids)
        incident_done = incident_done or use_incident
        mapping = {"q%d" % j: "%011X" % (counter + j) for j in range(k)}
        counter += k
        for body in lines:
            t = day + datetime.timedelta(milliseconds=t_ms)
            t_ms += 5
            line = t.strftime("%b %e %H:%M:%S ") + body.format(**mapping) + "\n"
            buf.append(line)
            written += len(line)
        out.write("".join(buf))
        buf.clear()
print((day + datetime.timedelta(milliseconds=t_ms)).strftime("%Y-%m-%dT%H:%M:%SZ"))
