#!/usr/bin/env python3
"""Ratios of every benchmark run (bench/history.csv: run,metric,value) as an SVG chart, or with
--table as a Markdown table. One row per metric; a dot per run (older runs paler), the newest
run's value written out; a log scale, so 0.2 and 20 are equally far from 1 (the line at 1 is
"as fast as the peer", or "on target" for the metrics divided by their target)."""
import csv
import math
import sys
from collections import OrderedDict


def load(path):
    runs, metrics, values = [], OrderedDict(), {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            run, metric = row["run"], row["metric"]
            if run not in runs:
                runs.append(run)
            metrics[metric] = True
            try:
                values[(run, metric)] = float(row["value"])
            except ValueError:
                pass  # n/a: the peer was not available in that run
    return runs, list(metrics), values


def table(path):
    runs, metrics, values = load(path)
    lines = ["| run | " + " | ".join(metrics) + " |", "|---" * (len(metrics) + 1) + "|"]
    for run in runs:
        cells = [f"{values[(run, m)]:.2f}" if (run, m) in values else "" for m in metrics]
        lines.append(f"| {run} | " + " | ".join(cells) + " |")
    print("\n".join(lines))


def chart(path, out):
    runs, metrics, values = load(path)
    lo, hi = 0.05, 50.0
    left, width, row_h, top = 190, 520, 28, 40
    height = top + row_h * len(metrics) + 40

    def x(v):
        v = min(max(v, lo), hi)
        return left + width * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 80}" height="{height}" '
           'font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="10" y="20" font-size="14">depot-server ratios per run (log scale; newest: '
           f'{runs[-1] if runs else "none"})</text>']
    for tick in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20):
        svg.append(f'<line x1="{x(tick):.1f}" y1="{top - 8}" x2="{x(tick):.1f}" '
                   f'y2="{height - 30}" stroke="{"#888" if tick == 1 else "#ddd"}"/>')
        svg.append(f'<text x="{x(tick):.1f}" y="{height - 14}" text-anchor="middle">{tick:g}</text>')
    for i, metric in enumerate(metrics):
        y = top + row_h * i + row_h / 2
        svg.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{metric}</text>')
        for k, run in enumerate(runs):
            if (run, metric) not in values:
                continue
            v = values[(run, metric)]
            newest = k == len(runs) - 1
            opacity = 1.0 if newest else 0.25 + 0.5 * k / max(1, len(runs) - 1)
            colour = "#1f77b4" if newest else "#7f7f7f"
            svg.append(f'<circle cx="{x(v):.1f}" cy="{y:.1f}" r="{6 if newest else 4}" '
                       f'fill="{colour}" fill-opacity="{opacity:.2f}"/>')
            if newest:
                svg.append(f'<text x="{x(v) + 9:.1f}" y="{y + 4:.1f}">{v:.2f}</text>')
    svg.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--table":
        table(sys.argv[2])
    elif len(sys.argv) == 3:
        chart(sys.argv[1], sys.argv[2])
    else:
        sys.exit("usage: chart.py history.csv out.svg | chart.py --table history.csv")
