import Foundation
import X509

/// The trust configuration of a verifier: trust anchors, directly trusted signers and accepted EKUs.
///
/// With no anchors and no allowed signers, a good manifest can be at most `valid`, never `trusted`.
public struct TrustSettings: Sendable {
    /// Root (or intermediate) certificates that signer chains may end at.
    var anchorCertificates: [SignerCertificate]
    /// End-entity certificates trusted directly (C2PA 2.2 §14.4.3, the reference's "allowed list").
    var allowedCertificates: [SignerCertificate]
    /// Anchors for time-stamp authorities (C2PA 2.2 §14.4.2), separate from the signer anchors.
    var timeStampAnchorCertificates: [SignerCertificate] = []
    /// PEM blocks that could not be parsed as certificates (skipped).
    public private(set) var skippedCertificates: Int = 0

    /// The trust anchors (DER).
    public var anchors: [[UInt8]] { anchorCertificates.map(\.der) }
    /// The time-stamp authority anchors (DER).
    public var timeStampAnchors: [[UInt8]] { timeStampAnchorCertificates.map(\.der) }
    /// The directly trusted signer certificates (DER).
    public var allowedSigners: [[UInt8]] { allowedCertificates.map(\.der) }
    /// Extended-key-usage OIDs (dotted decimal) accepted on signer certificates.
    public var acceptedEKUs: Set<String>
    /// The time at which certificates are judged when no time-stamp says otherwise; nil means now.
    public var validationTime: Date?
    /// Whether claim v1 manifests keep the reference's legacy time-stamp grace (``ReferenceRule/claimV1TimeStampGrace``).
    ///
    /// A time-stamp dates a signature only when its authority has the timeStamping EKU and chains to a
    /// signer or time-stamp anchor; otherwise the signer certificate is judged at the validation time
    /// and `timeStamp.untrusted` is reported. c2pa-rs skips the authority check for claim v1
    /// manifests (written by C2PA 1.x tools), and so does this verifier while this is `true` (the
    /// default), with one guard of its own: a signer that is outside its validity *now* is never
    /// `trusted` on the strength of such a token. Set it to `false` to apply the strict rule to every
    /// claim version.
    public var legacyTimeStampGrace = true

    /// Whether a claim v1 manifest whose `x5chain` is only in the unprotected COSE header may still be
    /// trusted, as the reference allows for C2PA 1.x writers (``ReferenceRule/unprotectedCertificateChain``).
    ///
    /// The unprotected header is not covered by the signature, so its chain could be swapped for another
    /// certificate of the same key. Claim v2 manifests (C2PA 2.x requires the protected header) are never
    /// trusted on such a chain whatever this says; set it to `false` to refuse trust for claim v1 too.
    public var legacyUnprotectedCertificateChain = true

    /// Strict mode: both claim v1 leniencies off (``legacyTimeStampGrace`` and
    /// ``legacyUnprotectedCertificateChain``), so every claim version gets the C2PA 2.x rules: a
    /// time-stamp dates a signature only from a trusted authority, and only a signed (protected)
    /// `x5chain` can make a signer trusted. Setting it sets both; it reads true when both are off.
    public var strict: Bool {
        get { !legacyTimeStampGrace && !legacyUnprotectedCertificateChain }
        set {
            legacyTimeStampGrace = !newValue
            legacyUnprotectedCertificateChain = !newValue
        }
    }

    /// The EKUs accepted without a trust configuration: emailProtection, documentSigning, timeStamping,
    /// OCSPSigning and c2pa-kp-claimSigning (the reference's built-in list).
    public static let defaultEKUs: Set<String> = [
        "1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.36", "1.3.6.1.5.5.7.3.8", "1.3.6.1.5.5.7.3.9", "1.3.6.1.4.1.62558.2.1",
    ]

    /// No anchors, no allowed signers, the default EKU list, validation at the current time.
    public init() {
        anchorCertificates = []
        allowedCertificates = []
        acceptedEKUs = Self.defaultEKUs
        validationTime = nil
    }

    /// Builds settings from PEM bundles and a trust configuration (EKU OIDs one per line, `//` comments).
    ///
    /// - Throws: ``TrustSettingsError`` when a PEM block cannot be parsed as a certificate.
    ///
    /// - Parameter timeStampAnchorsPEM: optional anchors for time-stamp authorities (for example the
    ///   system CA bundle); a time-stamp whose authority chains to one is reported `timeStamp.trusted`.
    public static func load(
        trustAnchorsPEM: String?, allowedSignersPEM: String?, trustConfig: String?, timeStampAnchorsPEM: String? = nil
    ) throws -> TrustSettings {
        var settings = TrustSettings()
        if let timeStampAnchorsPEM {
            let ders = try pemBlocks(timeStampAnchorsPEM, what: "time-stamp anchors")
            settings.timeStampAnchorCertificates = ders.compactMap(SignerCertificate.init(der:))
            settings.skippedCertificates += ders.count - settings.timeStampAnchorCertificates.count
        }
        if let trustAnchorsPEM {
            let ders = try pemBlocks(trustAnchorsPEM, what: "trust anchors")
            settings.anchorCertificates = ders.compactMap(SignerCertificate.init(der:))
            settings.skippedCertificates += ders.count - settings.anchorCertificates.count
        }
        if let allowedSignersPEM {
            let ders = try pemBlocks(allowedSignersPEM, what: "allowed signers")
            settings.allowedCertificates = ders.compactMap(SignerCertificate.init(der:))
            settings.skippedCertificates += ders.count - settings.allowedCertificates.count
        }
        if let trustConfig { settings.acceptedEKUs.formUnion(parseTrustConfig(trustConfig)) }
        return settings
    }

    /// The OIDs listed in a trust configuration text.
    public static func parseTrustConfig(_ text: String) -> Set<String> {
        var result: Set<String> = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = Substring(rawLine)
            if let comment = line.range(of: "//") { line = line[..<comment.lowerBound] }
            let trimmed = line.trimmingWhitespace()
            guard !trimmed.isEmpty else { continue }
            let arcs = trimmed.split(separator: ".", omittingEmptySubsequences: false)
            guard arcs.count >= 2, arcs.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) else { continue }
            result.insert(trimmed)
        }
        return result
    }

    /// The DER contents of every `CERTIFICATE` block of a PEM bundle.
    public static func pemBlocks(_ text: String, what: String) throws -> [[UInt8]] {
        var certificates: [[UInt8]] = []
        var inside = false
        var body = ""
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingWhitespace()
            if line.hasPrefix("-----BEGIN CERTIFICATE") {
                inside = true
                body = ""
            } else if line.hasPrefix("-----END CERTIFICATE") {
                inside = false
                guard let der = Data(base64Encoded: body) else {
                    throw TrustSettingsError(message: "\(what): a PEM block is not valid base64")
                }
                certificates.append(Array(der))
            } else if inside {
                body += line
            }
        }
        return certificates
    }
}

extension Character {
    /// Whether this is one of `0`…`9`.
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
