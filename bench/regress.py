#!/usr/bin/env python3
"""Compares the figures of two bench/run.sh reports (bench/results/proxy-*.md), scenario by scenario.

    python3 bench/regress.py BASELINE.md CURRENT.md [--tolerance 10]

Prints a markdown section: per scenario and row, the baseline figure, this run's and the change, with "worse"
where a figure moved the wrong way by more than --tolerance percent; the last line is machine-readable:
"regress: compared=N worse=M". Runs from different days or machine loads are not same-pass measurements:
within-run ratios (÷ nginx, ÷ SCG, ÷ no policies) and CPU time per request move least with the machine, absolute
req/s and latencies most, so a "worse" is a lead to re-measure side by side (bench/compare.sh), not a proof.
Rows present in only one of the reports are listed as new or not measured.
"""
import re
import sys

# section number -> [(column header prefix, direction)]; +1 = higher is better, -1 = lower is better
TABLE_METRICS = {
    "1": [("req/s", +1), ("÷ SCG", +1), ("CPU µs/request", -1)],
    "2": [("p99 ms", -1), ("achieved req/s", +1)],
    "3": [("req/s", +1), ("CPU µs/request", -1)],
    "4": [("value", -1)],
    "5": [("median", -1), ("worst", -1)],
    "7": [("req/s", +1), ("÷ no policies", +1), ("CPU µs/request", -1)],
}
# scenario 4: which rows to compare (label prefixes), their values read as "first number"
KEYS_ROWS = ("heap per key", "full sync, fresh node", "issue → key works", "revoke → key refused")
SECTION_NAMES = {
    "1": "max throughput", "2": "latency at a fixed rate", "3": "route count", "4": "1,000,000 keys",
    "5": "propagation", "6": "call-log ingestion", "7": "cost of each policy",
}
NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


# the first column of the tables compared; other tables (e.g. the per-round goal ratios) are not figures to compare
LABEL_COLUMNS = ("target", "round", "routes", "measure", "node configuration")


def clean_label(cell):
    label = cell.replace("**", "")
    label = re.sub(r"\s*\((saturated|cannot).*$", "", label)
    label = re.sub(r"^generator check: ", "", label)  # scenario 2's check is the old "upstream direct" row
    return label.strip()


def first_number(cell):
    m = NUMBER.search(cell.replace("**", "").replace(",", ""))
    return float(m.group()) if m else None


def parse(path):
    """-> ({section: {label: [{header: cell}, one per round]}}, {section: text}, run lines)"""
    tables, texts, run = {}, {}, []
    section = None
    header = None
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^## (\d+)\.", line)
        if m:
            section, header = m.group(1), None
            continue
        if line.startswith("## "):
            section = "run" if line.startswith("## Run") else None
            header = None
            continue
        if section == "run":
            if line.strip():
                run.append(line.strip())
            continue
        if section is None:
            continue
        texts[section] = texts.get(section, "") + line + "\n"
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if i + 1 < len(lines) and re.match(r"^\|[-| ]+\|$", lines[i + 1].strip()):
                header = cells
                continue
            if re.match(r"^[-: ]+$", cells[0]) or header is None or header[0] not in LABEL_COLUMNS:
                continue
            row = dict(zip(header, cells))
            # scenario 2 has a row per round and target: the target is the label, the rounds are averaged
            label = clean_label(cells[1] if header[0] == "round" else cells[0])
            tables.setdefault(section, {}).setdefault(label, []).append(row)
        else:
            header = None if not line.strip() else header
    return tables, texts, run


def column(rows, prefix):
    """-> (header, mean of the first number of each row's cell), or (None, None)"""
    for name in rows[0]:
        if name.startswith(prefix):
            values = [first_number(r.get(name, "")) for r in rows]
            values = [v for v in values if v is not None]
            return (name, sum(values) / len(values)) if values else (None, None)
    return None, None


def fmt(v):
    return f"{v:,.0f}" if abs(v) >= 1000 else (f"{v:.1f}" if abs(v) >= 10 else f"{v:.2f}")


def main(argv):
    tolerance = 10.0
    if "--tolerance" in argv:
        i = argv.index("--tolerance")
        tolerance = float(argv[i + 1])
        del argv[i:i + 2]
    if len(argv) != 3:
        sys.exit(__doc__)
    base_path, cur_path = argv[1], argv[2]
    base, base_texts, base_run = parse(base_path)
    cur, cur_texts, _ = parse(cur_path)
    rows = []
    notes = set()
    for section, metrics in TABLE_METRICS.items():
        b_rows, c_rows = base.get(section, {}), cur.get(section, {})
        labels = list(c_rows) + [lb for lb in b_rows if lb not in c_rows]
        for label in labels:
            if section == "4" and not any(label.lower().startswith(k) for k in KEYS_ROWS):
                continue
            if label not in b_rows:
                rows.append((section, label, "", "", "", "new in this run"))
                continue
            if label not in c_rows:
                rows.append((section, label, "", "", "", "not measured in this run"))
                continue
            for prefix, direction in metrics:
                b_name, b = column(b_rows[label], prefix)
                c_name, c = column(c_rows[label], prefix)
                if b is None or c is None or b == 0:
                    continue
                if b_name != c_name:
                    why = ""
                    if "its Redis" in c_name and "Redis" not in b_name:
                        why = (": the baseline counted the proxy process alone (its Redis ran on the load core then), "
                               "so rows with a Redis (SCG + RedisRateLimiter, Gatehouse) now count more")
                    notes.add(f"'{c_name}' is compared with the baseline's '{b_name}'{why}")
                if prefix.startswith("÷") and (b == c == 1 or (section == "1" and "Gatehouse" not in label)):
                    continue  # a row's ratio to itself, or a reference's ratio to another reference
                change = (c - b) / abs(b) * 100
                worse = change * direction < -tolerance
                rows.append((section, label, c_name, fmt(b), fmt(c),
                             f"{change:+.0f} %" + (" **worse**" if worse else "")))
    # scenario 6 has a sentence, not a table
    rate = re.compile(r"\*\*([\d.,]+) records/s\*\*")
    b6, c6 = rate.search(base_texts.get("6", "")), rate.search(cur_texts.get("6", ""))
    if b6 and c6:
        b, c = float(b6.group(1).replace(",", "")), float(c6.group(1).replace(",", ""))
        change = (c - b) / b * 100
        rows.append(("6", "call-log ingestion", "records/s", fmt(b), fmt(c),
                     f"{change:+.0f} %" + (" **worse**" if change < -tolerance else "")))
    elif c6:
        rows.append(("6", "call-log ingestion", "records/s", "", c6.group(1), "not in the baseline"))

    compared = sum(1 for r in rows if r[3] and r[4])
    worse = sum(1 for r in rows if "**worse**" in r[5])
    print(f"Baseline: `{base_path}`" + (f" ({' '.join(base_run[:2])})" if base_run else "") + ".")
    print()
    print("| scenario | row | figure | baseline | this run | change |")
    print("|---|---|---|---|---|---|")
    for section, label, name, b, c, change in rows:
        print(f"| {section}. {SECTION_NAMES.get(section, '')} | {label} | {name} | {b} | {c} | {change} |")
    print()
    for note in sorted(notes):
        print(f"- Note: {note}.")
    print(f"- {compared} figures compared, **{worse}** worse by more than {tolerance:.0f} % "
          "(the direction that counts: req/s and ratios up, latency, CPU time, heap and times down).")
    print("- Honest reading: the baseline is another run, usually another day and another machine load, not a "
          "same-pass measurement; rounds of one run differ by up to 30 % on this machine. Within-run ratios and "
          "CPU µs/request are the figures to trust; a **worse** is a lead to re-measure side by side with "
          "`bench/compare.sh`, not a proof of a regression.")
    print()
    print(f"regress: compared={compared} worse={worse}")


if __name__ == "__main__":
    main(sys.argv)
