/// The failures found today in the ingredient manifests reachable from the active manifest, minus
/// those their users already recorded when they took them in.
///
/// C2PA 2.2 §15.11.3.3 has the validator walk every ingredient manifest and report what differs from
/// the recorded `validationResults` as `ingredientDeltas`. The reference (c2pa-rs
/// `ValidationResults::validation_state`, ``ReferenceRule/ingredientDeltas``) counts those deltas in
/// the state: an untrusted ingredient signer keeps the asset from `trusted`, any other delta failure
/// makes it `invalid`. Failures a generator recorded (it knowingly used a broken ingredient) are
/// history, not deltas.
struct IngredientDeltas: Sendable {
    /// Delta failures by ingredient manifest label.
    private(set) var failures: [String: [StatusEntry]] = [:]
    /// Ingredient manifests that validate (hash reference matched, no delta failure other than an
    /// untrusted signer), whose AI declarations therefore count as history.
    private(set) var validatedLabels: Set<String> = []

    /// The most ingredient levels walked (c2pa-rs stops at 200; a store is far shallower in practice).
    static let maxDepth = 64

    init(reports: [ManifestReport]) {
        guard let active = reports.last else { return }
        let byLabel = Dictionary(reports.map { ($0.label, $0) }, uniquingKeysWith: { _, last in last })
        var recorded: [String: Set<String>] = [:]
        for report in reports {
            for (label, codes) in report.recordedIngredientFailures { recorded[label, default: []].formUnion(codes) }
        }
        var visited: Set<String> = [active.label]
        var level = [active]
        var depth = 0
        while !level.isEmpty && depth < Self.maxDepth {
            var next: [ManifestReport] = []
            for parent in level {
                for (label, entries) in parent.ingredientFailures {
                    let deltas = entries.filter { !(recorded[label] ?? []).contains($0.code.rawValue) }
                    if !deltas.isEmpty { failures[label, default: []] += deltas }
                }
                for label in parent.ingredientManifests where !visited.contains(label) {
                    visited.insert(label)
                    guard let ingredient = byLabel[label] else { continue }
                    let deltas = ingredient.status.failure.filter { !(recorded[label] ?? []).contains($0.code.rawValue) }
                    if !deltas.isEmpty { failures[label, default: []] += deltas }
                    let blocking = (failures[label] ?? []).contains { !C2PAVerifier.isTolerated($0.code) }
                    let parentCounts = parent.label == active.label || validatedLabels.contains(parent.label)
                    if parent.matchedIngredientManifests.contains(label) && !blocking && parentCounts {
                        validatedLabels.insert(label)
                    }
                    next.append(ingredient)
                }
            }
            level = next
            depth += 1
        }
    }

    /// Every delta failure, in label order.
    var all: [StatusEntry] { failures.keys.sorted().flatMap { failures[$0] ?? [] } }
}
