#!/usr/bin/env python3
"""Writes a Gatehouse declarative file (format 1, YAML) with N routes spread over S services, each route with one
route-scoped policy: a request header transform on even routes, a rate limit by route on odd ones. Used by
bench/import.sh; no third-party modules.

    python3 bench/import/routes.py --routes 1000 --services 10 --prefix imp --target-port 9 > gatehouse.yaml

Kinds in the document's order (services, policies, routes), objects sorted by name, as an export writes them.
"""
import argparse
import sys


def document(routes, services, prefix, target_port):
    width = max(4, len(str(routes - 1)))
    service_names = [f"{prefix}-svc-{s:02d}" for s in range(services)]
    route_names = [f"{prefix}-{i:0{width}d}" for i in range(routes)]
    out = ["gatehouse: 1", "services:"]
    for name in sorted(service_names):
        out += [f"- name: {name}",
                "  targets:",
                "  - host: 127.0.0.1",
                f"    port: {target_port}",
                f"  basePath: /{name}"]
    policies = []
    for i, route in enumerate(route_names):
        if i % 2 == 0:
            policies.append((f"{route}-headers", route, [
                "    type: transform",
                "    request:",
                "      set:",
                f"        X-Import-Route: '{route}'"]))
        else:
            policies.append((f"{route}-limit", route, [
                "    type: rate-limit",
                "    limits:",
                "    - requests: 1000",
                "      window: second",
                "    by: route"]))
    out.append("policies:")
    for name, route, config in sorted(policies):
        out += [f"- name: {name}", "  scope: route", f"  route: {route}", "  config:"] + config
    out.append("routes:")
    for i, route in enumerate(route_names):  # already sorted: zero-padded numbers
        out += [f"- name: {route}",
                f"  service: {service_names[i % services]}",
                "  paths:",
                f"  - /{route}",
                "  stripPrefix: true",
                "  tags:",
                f"  - {prefix}"]
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--routes", type=int, default=1000)
    parser.add_argument("--services", type=int, default=10)
    parser.add_argument("--prefix", default="imp")
    parser.add_argument("--target-port", type=int, default=9)
    args = parser.parse_args()
    if args.routes < 1 or args.services < 1 or args.services > args.routes:
        parser.error("need 1 <= --services <= --routes")
    if not args.prefix.replace("-", "").isalnum() or not args.prefix[0].isalpha():
        parser.error("--prefix: letters, digits and '-', starting with a letter")
    sys.stdout.write(document(args.routes, args.services, args.prefix, args.target_port))


if __name__ == "__main__":
    main()
