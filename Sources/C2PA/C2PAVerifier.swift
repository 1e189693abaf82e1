import ByteParsing
import Foundation
import ImageContainers

/// Verifies the C2PA Content Credentials embedded in a JPEG, PNG, WebP, HEIF/HEIC, AVIF, MP4/QuickTime, GIF or
/// TIFF/DNG file.
///
/// A value type configured once with a trust store; ``verify(_:)`` never throws: invalid manifests
/// are results, and a store that cannot be read yields state ``C2PAState/error``.
public struct C2PAVerifier: Sendable {
    /// The trust configuration.
    public let trust: TrustSettings
    /// Parse limits for containers and JUMBF.
    public let limits: ParseLimits

    /// Creates a verifier.
    public init(trust: TrustSettings = .init(), limits: ParseLimits = .default) {
        self.trust = trust
        self.limits = limits
    }

    /// Verifies the file at `path`.
    public func verify(contentsOf path: String) -> C2PAResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            return C2PAResult(state: .error, errorMessage: "Io: could not read \(path)", errorCode: "io")
        }
        return verify(Array(data))
    }

    /// Verifies the asset `bytes`.
    public func verify(_ bytes: [UInt8]) -> C2PAResult {
        guard bytes.count <= limits.maxFileBytes else {
            return C2PAResult(state: .error, errorMessage: "Other: file larger than \(limits.maxFileBytes) bytes", errorCode: "too_large")
        }
        let location: StoreLocation
        do {
            location = try StoreLocator.locate(bytes, limits: limits)
        } catch {
            if error.code == .unsupported || error.code == .unknownFormat {
                return C2PAResult(
                    state: .error, errorMessage: "UnsupportedType: \(error.message)", errorCode: "unsupported_format", errorOffset: error.offset)
            }
            return C2PAResult(state: .error, errorMessage: "Other: \(error)", errorCode: "container", errorOffset: error.offset)
        }
        guard let embedded = location.stores.first else {
            if let remote = location.remoteURL, remote.hasPrefix("http://") || remote.hasPrefix("https://") {
                return C2PAResult(
                    state: .error, errorMessage: "Remote: must fetch remote manifests from url \(remote)", errorCode: "remote_manifest")
            }
            return C2PAResult(state: .absent)
        }
        if location.stores.count > 1 {
            var result = C2PAResult(state: .invalid, errorMessage: "more than one manifest store in the asset")
            result.failures = [StatusCode.claimMultiple.rawValue]
            return result
        }
        let store: ManifestStore
        do {
            store = try ManifestStore(bytes: embedded.bytes, limits: limits)
        } catch {
            if error.code == .tooManyManifests {
                return C2PAResult(
                    state: .error, errorMessage: "the manifest store exceeds a limit: \(error.message)",
                    errorCode: ParseError.Code.tooManyManifests.rawValue, errorOffset: error.offset)
            }
            return C2PAResult(state: .error, errorMessage: "JumbfParseError: \(error)", errorCode: "jumbf", errorOffset: error.offset)
        }
        guard store.activeManifest != nil else {
            return C2PAResult(state: .error, errorMessage: "JumbfNotFound: the manifest store holds no manifest", errorCode: "no_manifest")
        }
        let validator = ManifestValidator(store: store, asset: bytes, embedded: embedded, settings: trust, now: Date())
        var reports: [ManifestReport] = []
        do {
            for (position, manifest) in store.manifests.enumerated() {
                reports.append(try validator.validate(manifest, isActive: position == store.manifests.count - 1))
            }
        } catch {
            return C2PAResult(state: .error, errorMessage: error.message, errorCode: error.code)
        }
        return assemble(reports: reports, store: store)
    }

    private func assemble(reports: [ManifestReport], store: ManifestStore) -> C2PAResult {
        guard let activeReport = reports.last else { return C2PAResult(state: .error, errorMessage: "no manifest", errorCode: "no_manifest") }
        let deltas = IngredientDeltas(reports: reports)
        var result = C2PAResult(state: Self.state(of: activeReport.status, ingredientDeltas: deltas.all))
        let log = activeReport.status
        result.failures = StatusLog.codes(log.failure)
        result.successes = StatusLog.codes(log.success)
        result.informational = StatusLog.codes(log.informational)
        result.digitalSourceType = activeReport.digitalSourceType
        result.signer = activeReport.signer
        result.issuer = activeReport.issuer
        result.signingTime = activeReport.signingTime
        result.claimGenerator = activeReport.claimGenerator
        result.activeManifest = activeReport.label
        result.title = activeReport.title
        result.manifestCount = store.manifests.count
        // AI history counts from the active manifest and from ingredients that validate (C2PA 2.2 §15.11:
        // an ingredient whose reference or signature fails says nothing reliable about its history).
        result.aiInHistory = reports.contains { report in
            (report.label == activeReport.label || deltas.validatedLabels.contains(report.label))
                && report.actions.contains { DigitalSourceType(declared: $0.digitalSourceType)?.isGenerativeAI ?? false }
        }
        var recorded: [String: [String]] = [:]
        for report in reports {
            for (label, codes) in report.recordedIngredientFailures { recorded[label, default: []] += codes }
        }
        result.ingredients = reports.dropLast().map { report in
            IngredientResult(
                label: report.label, title: report.title, state: Self.state(of: report.status),
                failures: StatusLog.codes(report.status.failure + (deltas.failures[report.label] ?? [])),
                recordedFailures: Array(Set(recorded[report.label] ?? [])).sorted(),
                digitalSourceType: report.digitalSourceType)
        }
        result.manifests = reports
        result.store = store
        return result
    }

    /// The state implied by a manifest's status log and the ingredient delta failures, as the reference
    /// computes it (C2PA 2.2 §15.4 valid and trusted manifests; ``ReferenceRule/untrustedIsFailure``,
    /// ``ReferenceRule/cawgIdentityFailures``, ``ReferenceRule/ingredientDeltas``).
    static func state(of log: StatusLog, ingredientDeltas: [StatusEntry] = []) -> C2PAState {
        if log.failure.contains(where: { !isTolerated($0.code) }) || ingredientDeltas.contains(where: { !isTolerated($0.code) }) {
            return .invalid
        }
        if log.failure.isEmpty && ingredientDeltas.isEmpty && log.success.contains(where: { $0.code == StatusCode.signingCredentialTrusted }) {
            return .trusted
        }
        return .valid
    }

    /// Failure codes that leave a manifest `valid` (never `trusted`): an untrusted signer, and CAWG
    /// identity failures other than identity-claims aggregation (``ReferenceRule/cawgIdentityFailures``).
    static func isTolerated(_ code: StatusCode) -> Bool {
        if code == StatusCode.signingCredentialUntrusted { return true }
        return code.isCAWG && !code.isIdentityClaimsAggregation
    }
}
