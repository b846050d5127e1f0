"""Summarizes one run of benches/run.sh: medians, ratios to the parse floor, and the targets.

usage: summary.py OUT_DIR SMALL LARGE IDENTICAL(yes|no)
"""

import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

out, small, large, identical = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

wall = {}
for name in ("hyperfine.json", "hyperfine-single.json"):
    for result in json.loads((out / name).read_text())["results"]:
        wall[result["command"]] = statistics.median(result["times"])

cpu, rss, spread = defaultdict(list), defaultdict(list), {}
for line in (out / "time.tsv").read_text().splitlines():
    parts = line.split("\t")
    if len(parts) != 5:
        continue  # GNU time notes (e.g. "Command exited with non-zero status")
    name, _elapsed, user, system, max_kib = parts
    cpu[name].append(float(user) + float(system))
    rss[name].append(int(max_kib) / 1024)
cpu = {k: statistics.median(v) for k, v in cpu.items()}
rss = {k: statistics.median(v) for k, v in rss.items()}

report = json.loads((out / f"out-{large}.json").read_text())["summary"]
info = (out / f"corpus-{large}.info").read_text().strip()
load = ((out / "load-before").read_text().strip(), (out / "load-after").read_text().strip())


def ms(seconds):
    if seconds < 0.01:
        return "< 10 ms"  # below the resolution of GNU time's CPU figures
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.3f} s"


floor = wall[f"floor-{large}"]
floor_cpu = cpu[f"floor-{large}"]
rows = [
    (f"{large} wall / floor wall", wall[f"json-{large}"] / floor, "≤ 1.2"),
    (f"{large} CPU / floor CPU", cpu[f"json-{large}"] / floor_cpu, "≤ 2"),
    ("single pack wall (ms)", wall["single-pack"] * 1000, "≤ 10"),
    (f"peak RSS at {large} (MiB)", rss[f"json-{large}"], "≤ 100"),
    (f"peak RSS {large} / {small}", rss[f"json-{large}"] / rss[f"json-{small}"], "flat (≤ 1.25)"),
    (f"wall {large} / {small}", wall[f"json-{large}"] / wall[f"json-{small}"], "≤ 11"),
    ("human wall / JSON wall", wall[f"human-{large}"] / wall[f"json-{large}"], "≤ 3"),
]
limits = [1.2, 2, 10, 100, 1.25, 11, 3]

print(f"# kakunin bench: {info}")
print(f"\nload average before: {load[0]}; after: {load[1]}")
print(f"findings at {large}: {report['findings']} in {report['packs_with_findings']} packs")
print("\n| command | median wall | median CPU (user+sys) | median peak RSS |")
print("|---|---|---|---|")
for name in wall:
    wall_text = f"{wall[name] * 1000:.1f} ms" if wall[name] < 1 else f"{wall[name]:.3f} s"
    print(f"| {name} | {wall_text} | {ms(cpu.get(name, 0))} | {rss.get(name, 0):.1f} MiB |")
print(f"\nspanned floor (kakunin::yaml::parse_stream) / plain floor: "
      f"{wall[f'floor-spanned-{large}'] / floor:.2f}")
print(f"floor's own wall {large} / {small}: {floor / wall[f'floor-{small}']:.2f}")
print("\n| target | measured | goal | met |")
print("|---|---|---|---|")
for (label, value, goal), limit in zip(rows, limits):
    print(f"| {label} | {value:.2f} | {goal} | {'yes' if value <= limit else 'NO'} |")
print(f"| two runs byte-identical (JSON and human) | {identical} | yes | {'yes' if identical == 'yes' else 'NO'} |")
