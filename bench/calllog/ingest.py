#!/usr/bin/env python3
"""Call-log ingestion rate of the admin (bench/run.sh scenario 6), measured from outside over HTTP.

Sends BATCHES gzip JSON batches of PER_BATCH call records to POST /cluster/v1/calls with the cluster token,
one after the other, exactly as a node ships them (the admin gunzips, parses, validates, COPYs into call_log and
adds the minute roll-ups in one transaction per batch), and prints key=value lines: records, seconds, rate.
All batches are built before the clock starts. Usage: ingest.py ADMIN_URL CLUSTER_TOKEN [BATCHES] [PER_BATCH]
"""
import gzip
import json
import sys
import time
import urllib.request
import uuid

admin, token = sys.argv[1], sys.argv[2]
batches = int(sys.argv[3]) if len(sys.argv) > 3 else 10
per_batch = int(sys.argv[4]) if len(sys.argv) > 4 else 5000
route = "ingest-" + uuid.uuid4().hex[:12]
now_ms = int(time.time() * 1000) - 5000
bodies = []
for b in range(batches):
    records = []
    for i in range(per_batch):
        n = b * per_batch + i
        err = n % 20 == 0
        records.append({
            "timestamp": now_ms - n * 7 % 600000, "nodeId": "bench-ingest", "requestId": str(uuid.uuid4()),
            "routeId": route, "routeName": "orders", "serviceId": "svc-%d" % (n % 5), "serviceName": "orders-svc",
            "consumerId": "c-%d" % (n % 50), "consumerName": "consumer-%d" % (n % 50), "keyPrefix": "gwk_%d" % (n % 50),
            "method": "GET", "path": "/shop/orders/%d" % n, "status": 502 if err else 200,
            "latencyMicros": 300 + n * 37 % 80000, "upstreamMicros": 200 + n * 31 % 70000, "bytesIn": 120,
            "bytesOut": 2048, "clientIp": "10.1.%d.%d" % (n % 200, n % 250),
            "errorCode": "upstream_unavailable" if err else None})
    batch = {"batchId": str(uuid.uuid4()), "nodeId": "bench-ingest", "records": records}
    bodies.append(gzip.compress(json.dumps(batch).encode()))

started = time.monotonic()
for body in bodies:
    req = urllib.request.Request(admin + "/cluster/v1/calls", data=body, method="POST", headers={
        "Authorization": "Bearer " + token, "Content-Encoding": "gzip", "Content-Type": "application/json",
        "X-Gatehouse-Node-Id": "bench-ingest"})
    with urllib.request.urlopen(req, timeout=120) as resp:
        if resp.status != 204:
            sys.exit("batch answered %d" % resp.status)
seconds = time.monotonic() - started
total = batches * per_batch
print("route_id=%s" % route)
print("records=%d" % total)
print("batches=%d" % batches)
print("seconds=%.2f" % seconds)
print("rate=%.0f" % (total / seconds))
