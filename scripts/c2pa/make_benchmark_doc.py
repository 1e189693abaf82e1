#!/usr/bin/env python3
"""Write docs/benchmarks-c2pa-reference.md from two bench_reference.py --json results.

    python3 scripts/c2pa/make_benchmark_doc.py SHARED.json SAMPLES.json OUT.md

SHARED.json: a run over ../shared/c2pa, SAMPLES.json: a run over Samples/c2pa,
both with --compare-cmd "python3 scripts/c2pa/reference_verify.py {trust_args} {files}".
The prose (observations, trust-cost figures) is fixed text of this session's
measurements; the tables come from the JSON files.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_reference as b  # noqa: E402

if len(sys.argv) != 4:
    sys.exit(__doc__)
with open(sys.argv[1], encoding="utf-8") as f:
    shared = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    samples = json.load(f)
out_md = sys.argv[3]


def fix(md):  # show the interpreter as plain python3 in the recorded commands
    return re.sub(r"`\S*/python3(\.\d+)? ", "`python3 ", md)
m = shared["machine"]
v = shared["versions"]
def s(run, name): return run["settings"][name]["summary"]
def c(run, name): return run["settings"][name].get("compare")
sd, st = s(shared, "default"), s(shared, "trusted")
cd, ct = c(shared, "default"), c(shared, "trusted")
text = f"""# C2PA verification benchmark — reference side (c2pa-python)

Reference half of issue 3, item 8: how long the reference implementation
(c2pa-rs through c2pa-python's `Reader`) takes to verify each C2PA fixture,
warm, on this machine. The Swift half (`provenant verify`) is to be measured
by the lead with the same script in the same run (see "Side by side" below);
numbers from different runs on this shared machine are not comparable.

## Machine and versions

* CPU: {m['cpu_model']} (`/proc/cpuinfo` model name), `nproc` = {m['nproc']};
  memory {m['mem_total']}; {m['os']}.
* The machine is shared by 8 concurrent agent sessions (Swift builds), so the
  load average was far above the 2 cores during every run (values in the
  tables). Wall times are inflated by waiting for a core; the **CPU time**
  (user + system of the process, all threads) measures the work itself and is
  the figure to compare across verifiers when the load is high.
* c2pa-python {v['c2pa-python']} (bundles c2pa-rs {v['c2pa-rs']}), Python {v['python']}.

## Method

`scripts/c2pa/bench_reference.py` (see `scripts/c2pa/README.md`):

* file list = `expected.jsonl` order of the folder (116 files for `../shared/c2pa`,
  16 for `Samples/c2pa`);
* two settings, each with one `c2pa.Context` (offline: `verify.remote_manifest_fetch`
  and `verify.ocsp_fetch` false): `default` = no trust anchors; `trusted` =
  `trust/combined_anchors.pem` (34 anchors) + `trust/combined_trust_config.cfg`
  (for `Samples/c2pa`: `pki/trust_anchors.pem` + `pki/trust_config.cfg`);
* one untimed warm-up pass over all files, then 20 timed passes; one timed
  operation = `Reader.try_create(path, None, None, ctx)` + `reader.json()` +
  close (open the file, find and verify the manifest store, build the JSON
  report); per file: median / mean / min wall time and median CPU time (ms);
* "process" rows: the same verdicts from a fresh process per run over all files
  (`python3 scripts/c2pa/reference_verify.py {{trust_args}} {{files}}`, the
  `verify` JSONL contract), i.e. including interpreter start-up and library
  load, divided by the number of files — the like-for-like shape of a
  `provenant verify --format jsonl FILE...` run. These are the "Compared
  command" tables below.

## Results: ../shared/c2pa (116 files)

Headline (reference, in-process, warm): **default {sd['mean_per_file_ms']:.2f} ms wall /
{sd['mean_per_file_cpu_ms']:.2f} ms CPU per file** (mean over files of the per-file medians; median file
{sd['median_per_file_ms']:.2f} ms wall), **trusted {st['mean_per_file_ms']:.2f} ms wall / {st['mean_per_file_cpu_ms']:.2f} ms CPU per file**
(median file {st['median_per_file_ms']:.2f} ms wall). As a process over all 116 files: default
{cd['per_file_ms_median']:.2f} ms wall / {cd['per_file_cpu_ms_median']:.2f} ms CPU per file, trusted
{ct['per_file_ms_median']:.2f} ms wall / {ct['per_file_cpu_ms_median']:.2f} ms CPU per file.

{fix(b.render_markdown(shared))}
## Results: Samples/c2pa (16 files, the project's own samples)

{fix(b.render_markdown(samples, top=5))}
## Observations

* Cost grows with the number of manifests (every ingredient's manifest is
  verified too: `c_ingredient` and the multi-manifest c2pa-rs files are the
  slowest) and with file size (the data hash covers the whole file).
  Files without a manifest cost a few tenths of a millisecond.
* Trust anchors cost CPU on every signed file (presumably the chain
  validation against the anchors, which the no-anchor run can skip; the
  library does no network I/O here — checked with strace). Measured separately on
  `generated/valid/a_camera_es256.jpg` (median CPU of 55 reads, load ≈ 12):
  2.57 ms without anchors, 2.94 ms with only the trust config, 5.76 ms with
  one anchor (our test root) + config, 7.11 ms with the 34 anchors + config;
  a file without a manifest: 0.16–0.26 ms in every setting.
* A process per run adds the interpreter and library start-up (the "process"
  rows); `provenant verify` pays its own start-up the same way, so compare
  process rows with process rows and in-process rows with a Swift in-process
  measurement.
* The reference's own verdicts from `reference_verify.py` score 1.000 (state,
  failure codes, digital source type) with `../shared/tools/score_c2pa.py`
  against both expected files; the process runs above report the same state
  agreement with the in-process reference.

## Side by side with provenant (for the lead)

Build the CLI in release mode once, then run both verifiers over the same files
in one run (the CLI is run once untimed, then 20 times per setting; per-file
ms = wall / 116; CPU from `getrusage` of the child):

```sh
swift build -c release --product provenant
python3 scripts/c2pa/bench_reference.py ../shared/c2pa -n 20 \\
    --compare-cmd ".build/release/provenant verify --format jsonl {{trust_args}} {{files}}" \\
    --json bench-c2pa-side-by-side.json --markdown bench-c2pa-side-by-side.md
```

`{{trust_args}}` expands to nothing for `default` and to
`--trust-anchors FOLDER/trust/combined_anchors.pem --trust-config
FOLDER/trust/combined_trust_config.cfg` for `trusted` (absolute paths). The
"Compared command" table then lists provenant's per-file wall and CPU time next
to the reference's, plus the state agreement of provenant's JSONL with the
reference of the same run. To compare process with process, run the same
command a second time with
`--compare-cmd "python3 scripts/c2pa/reference_verify.py {{trust_args}} {{files}}"`
(the runs above already include it).

Regenerate this page with `python3 scripts/c2pa/make_benchmark_doc.py docs/benchmarks-c2pa-reference.json docs/benchmarks-c2pa-reference-samples.json docs/benchmarks-c2pa-reference.md`.

Raw results of the runs above (copied unchanged from the `--json` outputs
named in the commands): `docs/benchmarks-c2pa-reference.json` (../shared/c2pa)
and `docs/benchmarks-c2pa-reference-samples.json` (Samples/c2pa). They were
the quietest runs available in this session: the benchmark waited until 11:25
UTC for a load average below 3.5 on the 2 cores, which never came (it stayed
between 6 and 14).
"""
with open(out_md, "w", encoding="utf-8") as f:
    f.write(text)
print("wrote", out_md)
