#!/usr/bin/env python3
"""Checks the deployment files under deploy/ for what docs/scale-out.md promises (called by .ci/run).

The Kubernetes YAML is parsed with PyYAML and its fields checked; the Containerfile's shape is checked as
text. `kubectl apply --dry-run=client` is not used: it needs an API server for discovery even with
--validate=false, so it cannot check files offline. Exits 1 with one line per failed check.
"""
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def documents(name):
    with open(os.path.join(ROOT, "deploy", "kubernetes", name), encoding="utf-8") as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc is not None]


def get(obj, path, default=None):
    for part in path.split("."):
        if isinstance(obj, dict) and part in obj:
            obj = obj[part]
        elif isinstance(obj, list) and part.isdigit() and int(part) < len(obj):
            obj = obj[int(part)]
        else:
            return default
    return obj


def hardened(pod, container_name, where):
    check(get(pod, "securityContext.runAsNonRoot") is True, f"{where}: runAsNonRoot")
    check(get(pod, "securityContext.runAsUser") == 65532, f"{where}: runAsUser 65532")
    containers = [c for c in get(pod, "containers", []) if c.get("name") == container_name]
    check(len(containers) == 1, f"{where}: container {container_name}")
    container = containers[0] if containers else {}
    check(get(container, "securityContext.readOnlyRootFilesystem") is True, f"{where}: read-only root file system")
    check(get(container, "securityContext.allowPrivilegeEscalation") is False, f"{where}: no privilege escalation")
    for field in ("resources.requests.cpu", "resources.requests.memory", "resources.limits.memory"):
        check(get(container, field) is not None, f"{where}: {field}")
    return container


def scan_job():
    docs = documents("scan-job.yaml")
    check(len(docs) == 1, "scan-job.yaml: one document")
    job = docs[0] if docs else {}
    check(job.get("apiVersion") == "batch/v1" and job.get("kind") == "Job", "scan-job.yaml: a batch/v1 Job")
    check(get(job, "spec.completionMode") == "Indexed", "scan-job.yaml: Indexed")
    completions = get(job, "spec.completions")
    check(isinstance(completions, int) and completions == get(job, "spec.parallelism"), "scan-job.yaml: completions = parallelism")
    check((get(job, "spec.backoffLimitPerIndex") or 0) >= 1, "scan-job.yaml: backoffLimitPerIndex")
    check(get(job, "spec.template.spec.restartPolicy") == "Never", "scan-job.yaml: restartPolicy Never")
    container = hardened(get(job, "spec.template.spec", {}), "scan", "scan-job.yaml")
    env = {e.get("name"): e.get("value") for e in container.get("env", [])}
    check(env.get("PROVENANT_SHARD_COUNT") == str(completions), "scan-job.yaml: PROVENANT_SHARD_COUNT = completions")
    script = " ".join(container.get("args", []))
    for fragment in ("provenant scan", "--shard-from-env", "--files-from", "--resume", "--summary-json",
                     "/results/part-${JOB_COMPLETION_INDEX}", "$part.jsonl"):
        check(fragment in script, f"scan-job.yaml: command lacks {fragment}")
    rule = get(job, "spec.podFailurePolicy.rules.0", {})
    check(rule.get("action") == "FailJob" and get(rule, "onExitCodes.values") == [64, 78], "scan-job.yaml: FailJob on 64, 78")


def merge_job():
    docs = documents("merge-job.yaml")
    check(len(docs) == 1, "merge-job.yaml: one document")
    job = docs[0] if docs else {}
    check(job.get("kind") == "Job" and get(job, "spec.completions") == 1, "merge-job.yaml: one-pod Job")
    container = hardened(get(job, "spec.template.spec", {}), "merge", "merge-job.yaml")
    script = " ".join(container.get("args", []))
    for fragment in ("provenant merge", "/results/part-*.jsonl", "--expect", "--summaries /results/part-*.summary.json"):
        check(fragment in script, f"merge-job.yaml: command lacks {fragment}")
    check(get(job, "spec.podFailurePolicy.rules.0.onExitCodes.values") == [3, 64, 78], "merge-job.yaml: FailJob on 3, 64, 78")


def serve():
    docs = documents("serve.yaml")
    by_kind = {doc.get("kind"): doc for doc in docs}
    check(set(by_kind) == {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"}, "serve.yaml: the four objects")
    deployment = by_kind.get("Deployment", {})
    labels = get(deployment, "spec.template.metadata.labels", {})
    check(bool(labels), "serve.yaml: pod labels")
    check(get(deployment, "spec.selector.matchLabels") == labels, "serve.yaml: Deployment selector")
    check(get(by_kind.get("Service"), "spec.selector") == labels, "serve.yaml: Service selector")
    check(get(by_kind.get("PodDisruptionBudget"), "spec.selector.matchLabels") == labels, "serve.yaml: PDB selector")
    hpa = by_kind.get("HorizontalPodAutoscaler", {})
    check(get(hpa, "spec.scaleTargetRef.name") == get(deployment, "metadata.name"), "serve.yaml: HPA target")
    check((get(hpa, "spec.minReplicas") or 0) >= 2, "serve.yaml: at least 2 replicas")
    pod = get(deployment, "spec.template.spec", {})
    container = hardened(pod, "serve", "serve.yaml")
    check(get(container, "livenessProbe.httpGet.path") == "/healthz", "serve.yaml: liveness on /healthz")
    check(get(container, "readinessProbe.httpGet.path") == "/readyz", "serve.yaml: readiness on /readyz")
    args = container.get("args", [])
    timeout = float(args[args.index("--timeout-s") + 1]) if "--timeout-s" in args else None
    pause = get(container, "lifecycle.preStop.sleep.seconds", 0)
    grace = pod.get("terminationGracePeriodSeconds", 0)
    check(timeout is not None and grace > timeout + pause, "serve.yaml: grace period > preStop + --timeout-s")
    check(args[:1] == ["serve"] and "0.0.0.0" in args, "serve.yaml: serve on all interfaces")


def containerfile():
    with open(os.path.join(ROOT, "deploy", "container", "Containerfile"), encoding="utf-8") as handle:
        text = handle.read()
    stages = [line for line in text.splitlines() if line.startswith("FROM ")]
    check(len(stages) == 2 and stages[0].endswith(" AS build"), "Containerfile: build stage then runtime stage")
    for fragment in ("--static-swift-stdlib", "COPY --from=build /opt/provenant /opt/provenant",
                     "Provenant_ProvenantService.resources", "share/provenant/Models", "share/provenant/trust",
                     "\nUSER 65532:65532\n"):
        check(fragment in text, f"Containerfile lacks {fragment.strip()}")


scan_job()
merge_job()
serve()
containerfile()
for failure in failures:
    print(f"deploy check failed: {failure}")
if failures:
    sys.exit(1)
print("deploy files: all checks passed")
