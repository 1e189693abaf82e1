#!/usr/bin/env python3
"""Time the reference C2PA verifier (c2pa-python's Reader) per file, optionally side by side
with another command (e.g. `provenant verify`) over the same file list.

    python3 scripts/c2pa/bench_reference.py [FOLDER] [-n 20] [--json OUT.json]
        [--anchors PEM --trust-config CFG] [--settings default,trusted]
        [--compare-cmd "provenant verify --format jsonl {trust_args} {files}"]

Needs: Python >= 3.10 and c2pa-python 0.38.x (pip install c2pa-python==0.38.1).

FOLDER (default ../shared/c2pa next to the package root)
is read in the order of FOLDER/expected.jsonl when it exists (its `path` and
`category` fields), otherwise every .jpg/.jpeg/.png below it.

Reference timing, per setting ("default" = no trust anchors; "trusted" =
--anchors/--trust-config, found automatically as FOLDER/trust/combined_anchors.pem
+ combined_trust_config.cfg or FOLDER/pki/trust_anchors.pem + trust_config.cfg):
one c2pa.Context per setting (offline: remote manifest fetch and OCSP off),
one untimed warm-up pass over all files, then N timed passes. One timed
operation = `Reader.try_create(path, None, None, ctx)` + `reader.json()`
(open the file, find and verify the manifest store, produce the JSON report)
+ closing the reader. Reported per file: median, mean and min wall time over the N
passes, and the median process CPU time (user + system, all threads) (ms).

Comparison command (--compare-cmd), run with the same file list and settings:
  * a template containing the token {files} is run once for all files
    (one untimed warm-up run, then N timed runs); per-file ms = wall time / file count;
  * a template containing {file} is run once per file (warm-up pass, then N
    passes); per-file ms is measured directly (includes process start-up);
  * {trust_args} becomes "" for the default setting and
    "--trust-anchors PEM --trust-config CFG" for the trusted one; {anchors} and
    {trust_config} give the paths alone. A template with none of these runs
    for the default setting only.
  Its CPU time (user + system of the child process) is reported next to the wall time.
  When the command prints JSON lines in the `verify` contract
  ({"path", "provenance": {"c2pa": {"state", ...}}}), the state agreement with
  the reference (same setting, same run) is reported too.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import c2pa_reference as ref  # exits with an install hint when c2pa-python is missing
import c2pa

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_FOLDER = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "c2pa"))


# ---------------------------------------------------------------- machine / inputs

def machine_info() -> dict:
    cpu_model = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu_model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        nproc = str(usable)
    mem = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    mem = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"nproc": nproc, "cpu_model": cpu_model, "mem_total": mem, "os": platform.platform(),
            "machine": platform.machine(), "load_avg_at_start": list(os.getloadavg())}


def file_list(folder: str) -> list[dict]:
    expected = os.path.join(folder, "expected.jsonl")
    items = []
    if os.path.exists(expected):
        with open(expected, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    rec = json.loads(line)
                    items.append({"path": rec["path"], "category": rec.get("category")})
    else:
        items = [{"path": p, "category": None} for p in ref.list_images(folder)]
    for item in items:
        item["abs"] = os.path.join(folder, item["path"])
        item["bytes"] = os.path.getsize(item["abs"])
    return items


def find_trust(folder: str, anchors: str | None, trust_config: str | None):
    if anchors or trust_config:
        return anchors, trust_config
    for a, c in (("trust/combined_anchors.pem", "trust/combined_trust_config.cfg"),
                 ("pki/trust_anchors.pem", "pki/trust_config.cfg")):
        if os.path.exists(os.path.join(folder, a)):
            cfg = os.path.join(folder, c)
            return os.path.join(folder, a), (cfg if os.path.exists(cfg) else None)
    return None, None


# ---------------------------------------------------------------- timing

def read_once(path: str, ctx, want_state: bool = False) -> str | None:
    """The timed operation (verify + JSON report + close); the contract state when asked."""
    try:
        reader = c2pa.Reader.try_create(path, None, None, ctx)
    except c2pa.C2paError:
        return "error"
    if reader is None:
        return "absent"
    with reader:
        report = reader.json()
    if not want_state:
        return None
    state = json.loads(report).get("validation_state")
    return {"Valid": "valid", "Trusted": "trusted", "Invalid": "invalid"}.get(state, "error")


def time_reference(items, ctx, reps: int):
    """(wall ms samples per file, process-CPU ms samples (all threads) per file, states from the warm-up pass)."""
    states = [read_once(it["abs"], ctx, want_state=True) for it in items]   # warm-up, untimed
    wall = [[] for _ in items]
    cpu = [[] for _ in items]
    for _ in range(reps):
        gc.collect()
        for i, it in enumerate(items):
            c0 = time.process_time_ns()
            t0 = time.perf_counter()
            read_once(it["abs"], ctx)
            wall[i].append((time.perf_counter() - t0) * 1000.0)
            cpu[i].append((time.process_time_ns() - c0) / 1e6)
    return wall, cpu, states


def expand_command(template: str, files: list[str], setting: str, anchors, trust_config) -> list[str]:
    trust_args = []
    if setting == "trusted":
        if anchors:
            trust_args += ["--trust-anchors", anchors]
        if trust_config:
            trust_args += ["--trust-config", trust_config]
    out = []
    for token in shlex.split(template):
        if token == "{files}":
            out += files
        elif token == "{trust_args}":
            out += trust_args
        else:
            out.append(token.replace("{anchors}", anchors or "").replace("{trust_config}", trust_config or "")
                       .replace("{file}", files[0] if len(files) == 1 else "{file}"))
    return out


def _children_cpu_ms() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (ru.ru_utime + ru.ru_stime) * 1000.0


def _run(argv: list[str]) -> tuple[float, float, str, int]:
    """(wall ms, child CPU ms = user + system, stdout, exit status)."""
    c0 = _children_cpu_ms()
    t0 = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    wall = (time.perf_counter() - t0) * 1000.0
    return wall, _children_cpu_ms() - c0, proc.stdout.decode("utf-8", "replace"), proc.returncode


def parse_states(stdout: str) -> dict:
    """basename -> state from JSON lines in the verify contract (also accepts a JSON array)."""
    states = {}
    text = stdout.strip()
    records = []
    if text.startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError:
            records = []
    else:
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("{"):
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError:
                    pass
    for rec in records:
        if not isinstance(rec, dict) or "path" not in rec:
            continue
        c2 = ((rec.get("provenance") or {}).get("c2pa") or {})
        state = c2.get("state") or ("error" if rec.get("error") else None)
        states[os.path.basename(str(rec["path"]))] = state
    return states


def time_command(template: str, items, setting: str, anchors, trust_config, reps: int) -> dict:
    files = [it["abs"] for it in items]
    if "{files}" in shlex.split(template):
        argv = expand_command(template, files, setting, anchors, trust_config)
        _ms, _cpu, stdout, rc = _run(argv)                             # warm-up, untimed
        totals, cpus = [], []
        for _ in range(reps):
            ms, cpu, _out, _rc = _run(argv)
            totals.append(ms)
            cpus.append(cpu)
        n = len(files)
        return {"mode": "batch", "argv_head": argv[:argv.index(files[0])] if files else argv,
                "exit_status": rc, "total_ms_median": statistics.median(totals),
                "total_ms_mean": statistics.fmean(totals), "total_ms_min": min(totals),
                "per_file_ms_median": statistics.median(totals) / n,
                "per_file_ms_mean": statistics.fmean(totals) / n,
                "per_file_cpu_ms_median": statistics.median(cpus) / n, "states": parse_states(stdout),
                "per_file": None}
    per_file = [[] for _ in files]
    per_cpu = [[] for _ in files]
    states, rcs = {}, set()
    for i, f in enumerate(files):                                      # warm-up, untimed
        _ms, _cpu, stdout, rc = _run(expand_command(template, [f], setting, anchors, trust_config))
        states.update(parse_states(stdout))
        rcs.add(rc)
    for _ in range(reps):
        for i, f in enumerate(files):
            ms, cpu, _o, _rc = _run(expand_command(template, [f], setting, anchors, trust_config))
            per_file[i].append(ms)
            per_cpu[i].append(cpu)
    medians = [statistics.median(s) for s in per_file]
    means = [statistics.fmean(s) for s in per_file]
    return {"mode": "per-file", "argv_head": shlex.split(template)[:3], "exit_status": sorted(rcs),
            "total_ms_median": sum(medians), "total_ms_mean": sum(means), "total_ms_min": None,
            "per_file_ms_median": statistics.median(medians), "per_file_ms_mean": statistics.fmean(means),
            "per_file_cpu_ms_median": statistics.median(statistics.median(c) for c in per_cpu),
            "states": states,
            "per_file": [{"median_ms": round(m, 3), "mean_ms": round(a, 3)} for m, a in zip(medians, means)]}


# ---------------------------------------------------------------- reporting

def summarize(medians: list[float], means: list[float], cpu_medians: list[float]) -> dict:
    s = sorted(medians)
    return {"files": len(medians), "sum_of_medians_ms": round(sum(medians), 3),
            "mean_per_file_cpu_ms": round(statistics.fmean(cpu_medians), 3),
            "mean_per_file_ms": round(statistics.fmean(means), 3),
            "median_per_file_ms": round(statistics.median(medians), 3),
            "p90_per_file_ms": round(s[min(len(s) - 1, int(0.9 * len(s)))], 3),
            "max_per_file_ms": round(s[-1], 3), "files_per_second": round(1000.0 * len(medians) / sum(medians), 1)}


def print_table(items, result: dict, setting: str, compare: dict | None) -> None:
    print(f"\n== reference ({setting}) ==")
    head = f"{'file':72} {'KiB':>7} {'state':8} {'median':>8} {'mean':>8} {'min':>8} {'cpu med':>8}"
    if compare and compare.get("per_file"):
        head += f" {'cmd med':>8}"
    print(head)
    for i, it in enumerate(items):
        row = result["files"][i]
        line = (f"{it['path'][-72:]:72} {it['bytes'] / 1024:7.1f} {row['state']:8} {row['median_ms']:8.3f} "
                f"{row['mean_ms']:8.3f} {row['min_ms']:8.3f} {row['cpu_median_ms']:8.3f}")
        if compare and compare.get("per_file"):
            line += f" {compare['per_file'][i]['median_ms']:8.3f}"
        print(line)
    cats: dict = {}
    for i, it in enumerate(items):
        cats.setdefault(it["category"] or "-", []).append(result["files"][i])
    print(f"\n{'category':40} {'files':>5} {'median of medians':>18} {'mean of means':>14} {'mean CPU':>9}")
    for cat, rows in cats.items():
        print(f"{cat:40} {len(rows):5} {statistics.median(r['median_ms'] for r in rows):18.3f} "
              f"{statistics.fmean(r['mean_ms'] for r in rows):14.3f} "
              f"{statistics.fmean(r['cpu_median_ms'] for r in rows):9.3f}")
    s = result["summary"]
    print(f"\nreference {setting}: {s['files']} files, sum of medians {s['sum_of_medians_ms']:.1f} ms, "
          f"mean {s['mean_per_file_ms']:.3f} ms/file, median {s['median_per_file_ms']:.3f} ms/file, "
          f"p90 {s['p90_per_file_ms']:.3f}, max {s['max_per_file_ms']:.3f}; "
          f"process CPU mean {s['mean_per_file_cpu_ms']:.3f} ms/file")
    if compare:
        print(f"command   {setting}: {compare['mode']}, total median {compare['total_ms_median']:.1f} ms, "
              f"per file median {compare['per_file_ms_median']:.3f} ms, mean {compare['per_file_ms_mean']:.3f} ms, "
              f"CPU {compare['per_file_cpu_ms_median']:.3f} ms"
              + (f", state agreement {compare['state_agreement']}" if compare.get("state_agreement") else ""))
        ratio = compare["per_file_ms_mean"] / s["mean_per_file_ms"] if s["mean_per_file_ms"] else float("nan")
        print(f"command / reference (mean per file): {ratio:.2f}x")


def render_markdown(results: dict, top: int = 10) -> str:
    """Result tables as Markdown (summary, per category, slowest files, compared command)."""
    m, v = results["machine"], results["versions"]
    out = [f"Run {results['started_utc']}: {len(next(iter(results['settings'].values()))['files'])} files in "
           f"`{results['folder']}`, {results['repetitions']} timed passes after one warm-up pass; "
           f"c2pa-python {v['c2pa-python']} (c2pa-rs {v['c2pa-rs']}), Python {v['python']}; "
           f"nproc {m['nproc']}, CPU {m['cpu_model']}, {m['mem_total']}; load average at start "
           f"{' / '.join(f'{x:.2f}' for x in m['load_avg_at_start'])}.", "",
           f"Command: `{results['command']}`", "",
           "| setting | files | mean wall ms/file | median | p90 | max | sum of medians ms | files/s | "
           "mean CPU ms/file | load avg after |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, entry in results["settings"].items():
        s = entry["summary"]
        out.append(f"| {name} | {s['files']} | {s['mean_per_file_ms']:.2f} | {s['median_per_file_ms']:.2f} | "
                   f"{s['p90_per_file_ms']:.2f} | {s['max_per_file_ms']:.2f} | {s['sum_of_medians_ms']:.1f} | "
                   f"{s['files_per_second']:.1f} | {s['mean_per_file_cpu_ms']:.2f} | "
                   f"{' / '.join(f'{x:.2f}' for x in entry.get('load_avg_after', []))} |")
    names = list(results["settings"])
    out += ["", "Per category (mean over the files of the per-file medians, ms; wall / CPU):", "",
            "| category | files | " + " | ".join(f"{n} wall | {n} CPU" for n in names) + " |",
            "| --- | ---: | " + " | ".join("---: | ---:" for _ in names) + " |"]
    cats: dict = {}
    for name in names:
        for row in results["settings"][name]["files"]:
            cats.setdefault(row["category"] or "-", {}).setdefault(name, []).append(row)
    for cat, per in cats.items():
        cells = []
        for name in names:
            rows = per.get(name, [])
            cells.append(f"{statistics.fmean(r['median_ms'] for r in rows):.2f} | "
                         f"{statistics.fmean(r['cpu_median_ms'] for r in rows):.2f}" if rows else "– | –")
        out.append(f"| {cat} | {len(next(iter(per.values())))} | " + " | ".join(cells) + " |")
    first = results["settings"][names[0]]["files"]
    slow = sorted(range(len(first)), key=lambda i: -first[i]["median_ms"])[:top]
    out += ["", f"Slowest {top} files ({names[0]} setting, median wall ms):", "",
            "| file | KiB | state | " + " | ".join(f"{n} median | {n} CPU" for n in names) + " |",
            "| --- | ---: | --- | " + " | ".join("---: | ---:" for _ in names) + " |"]
    for i in slow:
        cells = " | ".join(f"{results['settings'][n]['files'][i]['median_ms']:.2f} | "
                           f"{results['settings'][n]['files'][i]['cpu_median_ms']:.2f}" for n in names)
        out.append(f"| `{first[i]['path']}` | {first[i]['bytes'] / 1024:.0f} | {first[i]['state']} | {cells} |")
    compared = [(n, e["compare"]) for n, e in results["settings"].items() if e.get("compare")]
    if compared:
        out += ["", "Compared command (same files, same run):", "",
                "| setting | mode | per-file wall ms (median run) | per-file CPU ms | reference mean wall ms | "
                "reference mean CPU ms | state agreement |",
                "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
        for n, c in compared:
            s = results["settings"][n]["summary"]
            out.append(f"| {n} | {c['mode']} | {c['per_file_ms_median']:.2f} | {c['per_file_cpu_ms_median']:.2f} | "
                       f"{s['mean_per_file_ms']:.2f} | {s['mean_per_file_cpu_ms']:.2f} | "
                       f"{c.get('state_agreement', 'n/a')} |")
        out += ["", f"Template: `{compared[0][1]['template']}`"]
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Time c2pa-python's Reader (and optionally a command) per file.")
    ap.add_argument("folder", nargs="?", default=DEFAULT_FOLDER, help="fixture folder (default: %(default)s)")
    ap.add_argument("-n", "--repetitions", type=int, default=20, help="timed passes (default: %(default)s)")
    ap.add_argument("--settings", default="default,trusted", help="comma list of default,trusted")
    ap.add_argument("--anchors", help="trust anchors PEM for the trusted setting")
    ap.add_argument("--trust-config", help="EKU trust config for the trusted setting")
    ap.add_argument("--compare-cmd", help='command template, e.g. "provenant verify --format jsonl {trust_args} {files}"')
    ap.add_argument("--json", dest="json_out", help="write results as JSON here")
    ap.add_argument("--markdown", help="write the result tables as Markdown here")
    ap.add_argument("--limit", type=int, help="only the first N files (smoke runs)")
    ap.add_argument("--quiet", action="store_true", help="summary lines only")
    args = ap.parse_args(argv)

    folder = os.path.abspath(args.folder)
    items = file_list(folder)
    if args.limit:
        items = items[:args.limit]
    if not items:
        sys.exit(f"no JPEG/PNG files in {folder}")
    anchors, trust_config = find_trust(folder, args.anchors, args.trust_config)
    settings = [s.strip() for s in args.settings.split(",") if s.strip()]
    if "trusted" in settings and not anchors:
        print("no trust anchors found: skipping the trusted setting", file=sys.stderr)
        settings.remove("trusted")

    results = {
        "tool": "scripts/c2pa/bench_reference.py",
        "command": " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv]),
        "started_utc": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine_info(), "versions": ref.versions(), "folder": folder,
        "repetitions": args.repetitions, "anchors": anchors, "trust_config": trust_config,
        "timed_operation": "Reader.try_create(path, None, None, ctx) + reader.json() + close",
        "settings": {},
    }
    print(f"c2pa-python {results['versions']['c2pa-python']} (c2pa-rs {results['versions']['c2pa-rs']}), "
          f"Python {results['versions']['python']}; {results['machine']['nproc']} CPUs "
          f"({results['machine']['cpu_model']}); {len(items)} files in {folder}; "
          f"{args.repetitions} timed passes after 1 warm-up")

    for setting in settings:
        ctx = ref.make_context(ref.load_text(anchors), ref.load_text(trust_config)) if setting == "trusted" \
            else ref.make_context()
        wall, cpu, states = time_reference(items, ctx, args.repetitions)
        rows = []
        for it, s, c, st in zip(items, wall, cpu, states):
            rows.append({"path": it["path"], "category": it["category"], "bytes": it["bytes"], "state": st,
                         "median_ms": round(statistics.median(s), 3), "mean_ms": round(statistics.fmean(s), 3),
                         "min_ms": round(min(s), 3), "cpu_median_ms": round(statistics.median(c), 3)})
        entry = {"files": rows, "summary": summarize([r["median_ms"] for r in rows], [r["mean_ms"] for r in rows],
                                                     [r["cpu_median_ms"] for r in rows]),
                 "load_avg_after": list(os.getloadavg())}
        compare = None
        template = args.compare_cmd
        if template and (setting == "default" or any(k in template for k in ("{trust_args}", "{anchors}",
                                                                               "{trust_config}"))):
            compare = time_command(template, items, setting, anchors, trust_config, args.repetitions)
            got = compare.pop("states")
            if got:
                agree = sum(1 for it, st in zip(items, states) if got.get(os.path.basename(it["path"])) == st)
                compare["state_agreement"] = f"{agree}/{len(items)}"
                compare["states_reported"] = len(got)
            compare["template"] = template
            entry["compare"] = compare
        results["settings"][setting] = entry
        if args.quiet:
            s = entry["summary"]
            print(f"{setting}: mean {s['mean_per_file_ms']:.3f} ms/file, median {s['median_per_file_ms']:.3f}, "
                  f"sum of medians {s['sum_of_medians_ms']:.1f} ms")
        else:
            print_table(items, entry, setting, compare)

    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
            f.write("\n")
        print(f"\nwrote {args.json_out}")
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(render_markdown(results))
        print(f"wrote {args.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
