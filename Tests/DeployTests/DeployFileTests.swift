import Foundation
import Testing
import Yams

/// The deployment files under deploy/: parsed as YAML and checked for what docs/scale-out.md promises.
/// (`kubectl apply --dry-run=client` is not run: it needs an API server for discovery even with
/// `--validate=false`, so it cannot check files offline.)
@Suite struct DeployFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func documents(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: root.appendingPathComponent("deploy/kubernetes/\(name)"), encoding: .utf8)
        return try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
    }

    /// The value at a dotted path (`spec.template.spec`), with `[n]` for list items.
    static func value(_ object: Any?, _ path: String) -> Any? {
        var current = object
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var index: Int?
            if let open = part.firstIndex(of: "["), let close = part.firstIndex(of: "]") {
                name = part[..<open]
                index = Int(part[part.index(after: open)..<close])
            }
            if !name.isEmpty { current = (current as? [String: Any])?[String(name)] }
            if let index {
                guard let list = current as? [Any], list.indices.contains(index) else { return nil }
                current = list[index]
            }
        }
        return current
    }

    static func int(_ object: Any?, _ path: String) -> Int? { value(object, path) as? Int }
    static func string(_ object: Any?, _ path: String) -> String? { value(object, path) as? String }

    /// Checks the pod security settings every workload here shares.
    static func expectHardened(_ podSpec: Any?, container: String) {
        #expect(value(podSpec, "securityContext.runAsNonRoot") as? Bool == true)
        #expect(int(podSpec, "securityContext.runAsUser") == 65532)
        let containers = value(podSpec, "containers") as? [[String: Any]] ?? []
        let main = containers.first { $0["name"] as? String == container }
        #expect(main != nil, "container \(container)")
        #expect(value(main, "securityContext.readOnlyRootFilesystem") as? Bool == true)
        #expect(value(main, "securityContext.allowPrivilegeEscalation") as? Bool == false)
        #expect(string(main, "resources.requests.memory") != nil && string(main, "resources.limits.memory") != nil)
        #expect(string(main, "resources.requests.cpu") != nil)
    }

    @Test func scanJobIsAnIndexedJobOfShards() throws {
        let documents = try Self.documents("scan-job.yaml")
        #expect(documents.count == 1)
        let job = documents.first
        #expect(Self.string(job, "apiVersion") == "batch/v1" && Self.string(job, "kind") == "Job")
        #expect(Self.string(job, "spec.completionMode") == "Indexed")
        let completions = Self.int(job, "spec.completions")
        #expect(completions != nil && completions == Self.int(job, "spec.parallelism"))
        #expect(Self.int(job, "spec.backoffLimitPerIndex") ?? 0 >= 1)
        #expect(Self.string(job, "spec.template.spec.restartPolicy") == "Never")
        let container = Self.value(job, "spec.template.spec.containers[0]")
        // The shard count the pods read equals the number of completions.
        let env = Self.value(container, "env") as? [[String: Any]] ?? []
        let count = env.first { $0["name"] as? String == "PROVENANT_SHARD_COUNT" }?["value"] as? String
        #expect(count.flatMap(Int.init) == completions)
        let script = (Self.value(container, "args") as? [String] ?? []).joined(separator: " ")
        for fragment in ["provenant scan", "--shard-from-env", "--files-from", "--resume", "--summary-json",
                         "/results/part-${JOB_COMPLETION_INDEX}", "$part.jsonl"] {
            #expect(script.contains(fragment), "scan command lacks \(fragment)")
        }
        // Configuration and usage errors fail the job instead of being retried.
        let rule = Self.value(job, "spec.podFailurePolicy.rules[0]")
        #expect(Self.string(rule, "action") == "FailJob")
        #expect(Self.value(rule, "onExitCodes.values") as? [Int] == [64, 78])
        Self.expectHardened(Self.value(job, "spec.template.spec"), container: "scan")
    }

    @Test func mergeJobMergesThePartsAgainstTheExpectedList() throws {
        let documents = try Self.documents("merge-job.yaml")
        #expect(documents.count == 1)
        let job = documents.first
        #expect(Self.string(job, "kind") == "Job" && Self.int(job, "spec.completions") == 1)
        let script = (Self.value(job, "spec.template.spec.containers[0].args") as? [String] ?? []).joined(separator: " ")
        for fragment in ["provenant merge", "/results/part-*.jsonl", "--expect", "--summaries /results/part-*.summary.json"] {
            #expect(script.contains(fragment), "merge command lacks \(fragment)")
        }
        #expect(Self.value(job, "spec.podFailurePolicy.rules[0].onExitCodes.values") as? [Int] == [3, 64, 78])
        Self.expectHardened(Self.value(job, "spec.template.spec"), container: "merge")
    }

    @Test func serveIsAStatelessAutoscaledDeployment() throws {
        let documents = try Self.documents("serve.yaml")
        let byKind = Dictionary(documents.map { (Self.string($0, "kind") ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        #expect(Set(byKind.keys) == ["Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"])
        let deployment = byKind["Deployment"]
        let podLabels = Self.value(deployment, "spec.template.metadata.labels") as? [String: String] ?? [:]
        #expect(!podLabels.isEmpty)
        #expect(Self.value(deployment, "spec.selector.matchLabels") as? [String: String] == podLabels)
        #expect(Self.value(byKind["Service"], "spec.selector") as? [String: String] == podLabels)
        #expect(Self.value(byKind["PodDisruptionBudget"], "spec.selector.matchLabels") as? [String: String] == podLabels)
        #expect(Self.string(byKind["HorizontalPodAutoscaler"], "spec.scaleTargetRef.name") == Self.string(deployment, "metadata.name"))
        #expect(Self.int(byKind["HorizontalPodAutoscaler"], "spec.minReplicas") ?? 0 >= 2)

        let pod = Self.value(deployment, "spec.template.spec")
        let container = Self.value(pod, "containers[0]")
        #expect(Self.string(container, "livenessProbe.httpGet.path") == "/healthz")
        #expect(Self.string(container, "readinessProbe.httpGet.path") == "/readyz")
        // The grace period outlasts the preStop pause plus the longest request (--timeout-s).
        let args = Self.value(container, "args") as? [String] ?? []
        let timeout = args.firstIndex(of: "--timeout-s").flatMap { args.indices.contains($0 + 1) ? Double(args[$0 + 1]) : nil }
        let pause = Double(Self.int(container, "lifecycle.preStop.sleep.seconds") ?? 0)
        let grace = Double(Self.int(pod, "terminationGracePeriodSeconds") ?? 0)
        #expect(timeout != nil && grace > (timeout ?? .infinity) + pause)
        #expect(args.first == "serve" && args.contains("0.0.0.0"))
        Self.expectHardened(pod, container: "serve")
    }

    @Test func containerfileIsMultiStageAndRunsAsNonRoot() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("deploy/container/Containerfile"), encoding: .utf8)
        let stages = text.split(separator: "\n").filter { $0.hasPrefix("FROM ") }
        #expect(stages.count == 2)
        #expect(stages.first?.hasSuffix(" AS build") == true)
        #expect(text.contains("--static-swift-stdlib"))
        #expect(text.contains("COPY --from=build /opt/provenant /opt/provenant"))
        #expect(text.contains("Provenant_ProvenantService.resources"))
        #expect(text.contains("share/provenant/Models") && text.contains("share/provenant/trust"))
        #expect(text.contains("\nUSER 65532:65532\n"))
    }
}
