import Crypto
import Foundation

/// Validates CAWG identity assertions (`cawg.identity`, CAWG Identity Assertion 1.1) offline.
///
/// X.509 COSE credentials are checked for shape and reported as `cawg.x509.credential.untrusted`
/// (no CAWG trust list is configured, as in the reference run). Identity-claims-aggregation
/// credentials are verified as far as is possible without network access: COSE structure,
/// algorithm, content type, the verifiable credential, a `did:jwk` issuer key and signature, the
/// signer payload binding and the validity dates; `did:web` issuers cannot be resolved offline and
/// give `cawg.ica.did_unavailable`.
struct IdentityValidator {
    let store: ManifestStore
    let now: Date

    static let x509Type = "cawg.x509.cose"
    static let icaType = "cawg.identity_claims_aggregation"

    func validate(_ manifest: Manifest, base: String, log: inout StatusLog) {
        for assertion in store.declaredAssertions(of: manifest) where assertion.baseLabel == "cawg.identity" {
            let url = "\(base)/c2pa.assertions/\(assertion.label)"
            guard let value = try? store.cbor(of: assertion.box), let payload = value["signer_payload"],
                let signature = value["signature"]?.bytesValue
            else {
                // The reference reports an undecodable identity assertion as a missing required field.
                log.failure(StatusCode.assertionRequiredMissing, url: url, "identity assertion could not be decoded")
                continue
            }
            checkStructure(value, signerPayload: payload, claim: manifest.claim, url: url, log: &log)
            switch payload["sig_type"]?.textValue {
            case Self.x509Type?:
                switch verifyX509(signature: signature, signerPayload: payload) {
                case true?:
                    log.success(StatusCode.cawgX509SignatureValidated, url: url, "identity credential signature verified")
                    log.success(StatusCode.cawgIdentityWellFormed, url: url, "identity assertion well formed")
                case false?: log.failure(StatusCode.cawgX509SignatureMismatch, url: url, "identity credential signature does not verify")
                case nil: log.failure(StatusCode.cawgX509CoseInvalid, url: url, "identity credential is not a usable COSE_Sign1")
                }
                log.failure(StatusCode.cawgX509CredentialUntrusted, url: url, "identity credential signer is not on a CAWG trust list")
            case Self.icaType?:
                let outcome = validateICA(signature: signature, signerPayload: payload)
                if outcome.timeStampValidated {
                    log.success(StatusCode.cawgICATimeStampValidated, url: url, "credential time-stamp verified")
                }
                if let failure = outcome.failure {
                    log.failure(failure.code, url: url, failure.explanation)
                }
            default:
                log.failure(StatusCode.cawgIdentitySigTypeUnknown, url: url, "unknown identity signature type")
            }
        }
    }

    /// An assertion declared by a claim, by label and hash.
    private struct DeclaredAssertion: Hashable {
        let label: String
        let hash: [UInt8]
    }

    /// Padding, referenced-assertion and hard-binding rules of the identity assertion (CAWG 1.1 §5.2).
    @discardableResult
    func checkStructure(_ value: CBORValue, signerPayload: CBORValue, claim: Claim?, url: String, log: inout StatusLog) -> Bool {
        for name in ["pad1", "pad2"] {
            if let pad = value[name], pad.bytesValue?.allSatisfy({ $0 == 0 }) != true {
                log.failure(StatusCode.cawgIdentityPadInvalid, url: url, "\(name) holds non-zero bytes")
                return false
            }
        }
        let references = (signerPayload["referenced_assertions"]?.arrayValue ?? []).compactMap(HashedURI.init)
        // Label and hash of every assertion the claim declares, for constant-time look-ups.
        let declaredAssertions = Set((claim?.allAssertions ?? []).map { DeclaredAssertion(label: $0.path.last ?? $0.url, hash: $0.hash) })
        var seen: Set<String> = []
        for reference in references {
            let label = reference.path.last ?? reference.url
            guard seen.insert(label).inserted else {
                log.failure(StatusCode.cawgIdentityAssertionDuplicate, url: url, "assertion \(label) referenced twice")
                return false
            }
            guard declaredAssertions.contains(DeclaredAssertion(label: label, hash: reference.hash)) else {
                log.failure(StatusCode.cawgIdentityAssertionMismatch, url: url, "referenced assertion \(label) is not in the claim")
                return false
            }
        }
        let hardBindings = ["c2pa.hash.data", "c2pa.hash.boxes", "c2pa.hash.bmff", "c2pa.hash.bmff.v2", "c2pa.hash.bmff.v3", "c2pa.hash.collection.data"]
        let bindsHard = references.contains { reference in
            let label = reference.path.last ?? ""
            return hardBindings.contains { label == $0 || label.hasPrefix($0 + "__") }
        }
        if !bindsHard {
            log.failure(StatusCode.cawgIdentityHardBindingMissing, url: url, "signer payload references no hard binding")
            return false
        }
        return true
    }

    /// Verifies an X.509 COSE identity credential over the signer payload; nil when it cannot be read.
    func verifyX509(signature: [UInt8], signerPayload: CBORValue) -> Bool? {
        guard let value = try? CBORDecoder().decode(signature), let cose = try? COSESign1(value),
            let algHeader = cose.algorithm, let algorithm = COSEAlgorithm(header: algHeader),
            let leafDER = cose.certificateChain.first, let leaf = SignerCertificate(der: leafDER)
        else { return nil }
        // The credential signs the signer payload; an embedded payload counts only when it is that payload.
        var payload = CBOREncoder.encode(signerPayload)
        if let embedded = cose.payload {
            guard (try? CBORDecoder().decode(embedded)) == signerPayload else { return false }
            payload = embedded
        }
        let message = cose.signatureInput(detachedPayload: payload)
        return SignatureVerifier.verify(cose.signature, message: message, key: leaf.key, algorithm: algorithm)
    }

    struct Failure {
        let code: StatusCode
        let explanation: String
    }

    /// The result of checking an identity-claims-aggregation credential.
    struct ICAOutcome {
        var failure: Failure?
        var timeStampValidated = false
    }

    func validateICA(signature: [UInt8], signerPayload: CBORValue) -> ICAOutcome {
        var timeStampValidated = false
        let failure = checkICA(signature: signature, signerPayload: signerPayload, timeStampValidated: &timeStampValidated)
        return ICAOutcome(failure: failure, timeStampValidated: timeStampValidated)
    }

    private func checkICA(signature: [UInt8], signerPayload: CBORValue, timeStampValidated: inout Bool) -> Failure? {
        guard let value = try? CBORDecoder().decode(signature), let cose = try? COSESign1(value) else {
            return Failure(code: StatusCode.cawgICAInvalidCoseSign1, explanation: "credential is not a COSE_Sign1 structure")
        }
        guard let payload = cose.payload else {
            return Failure(code: StatusCode.cawgICAInvalidVerifiableCredential, explanation: "credential has no payload")
        }
        guard let algHeader = cose.algorithm, let algorithm = COSEAlgorithm(header: algHeader) else {
            return Failure(code: StatusCode.cawgICAInvalidAlg, explanation: "missing or unsupported COSE algorithm")
        }
        guard cose.header(intKey: 3)?.value.textValue == "application/vc" else {
            return Failure(code: StatusCode.cawgICAInvalidContentType, explanation: "content type is not application/vc")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any],
            let types = object["type"] as? [String], types.contains("VerifiableCredential"),
            let subject = object["credentialSubject"] as? [String: Any]
        else {
            return Failure(code: StatusCode.cawgICAInvalidVerifiableCredential, explanation: "payload is not a verifiable credential")
        }
        guard let issuer = object["issuer"] as? String ?? (object["issuer"] as? [String: Any])?["id"] as? String,
            issuer.hasPrefix("did:")
        else {
            return Failure(code: StatusCode.cawgICAInvalidIssuer, explanation: "issuer is not a DID")
        }
        let key: VerificationKey
        if issuer.hasPrefix("did:jwk:") {
            guard let resolved = Self.jwkKey(String(issuer.dropFirst("did:jwk:".count))) else {
                return Failure(code: StatusCode.cawgICAInvalidIssuer, explanation: "did:jwk issuer is malformed")
            }
            key = resolved
        } else if issuer.hasPrefix("did:web:") {
            return Failure(code: StatusCode.cawgICADIDUnavailable, explanation: "did:web issuer cannot be resolved offline")
        } else {
            return Failure(code: StatusCode.cawgICAInvalidIssuer, explanation: "unsupported DID method")
        }
        let message = CBOREncoder.encode(.array([.text("Signature1"), .bytes(cose.protectedBytes), .bytes([]), .bytes(payload)]))
        let keyAlgorithm: COSEAlgorithm
        switch key {
        case .ed25519: keyAlgorithm = .ed25519
        default: keyAlgorithm = algorithm
        }
        guard SignatureVerifier.verify(cose.signature, message: message, key: key, algorithm: keyAlgorithm) else {
            return Failure(code: StatusCode.cawgICASignatureMismatch, explanation: "credential signature does not verify")
        }
        guard let asset = subject["c2paAsset"] as? [String: Any], Self.matches(asset, signerPayload) else {
            return Failure(code: StatusCode.cawgICASignerPayloadMismatch, explanation: "c2paAsset differs from the signer payload")
        }
        var timeStamp: Date?
        if let token = cose.timeStampTokens.first {
            guard let parsed = TimeStampToken(der: token.token), cose.timeStampMatches(parsed, version: token.version, detachedPayload: payload) else {
                return Failure(code: StatusCode.cawgICATimeStampInvalid, explanation: "credential time-stamp is invalid")
            }
            timeStamp = parsed.generationTime
            timeStampValidated = true
        }
        guard let validFromText = object["validFrom"] as? String else {
            return Failure(code: StatusCode.cawgICAValidFromMissing, explanation: "credential has no validFrom")
        }
        guard let validFrom = Self.parseDate(validFromText), validFrom <= now else {
            return Failure(code: StatusCode.cawgICAValidFromInvalid, explanation: "validFrom is in the future or malformed")
        }
        if let timeStamp, validFrom > timeStamp {
            return Failure(code: StatusCode.cawgICAValidFromInvalid, explanation: "validFrom is after the time-stamp")
        }
        if let validUntilText = object["validUntil"] as? String {
            guard let validUntil = Self.parseDate(validUntilText), validUntil >= now else {
                return Failure(code: StatusCode.cawgICAValidUntilInvalid, explanation: "validUntil is in the past or malformed")
            }
        }
        return nil
    }

    /// Whether the credential's `c2paAsset` equals the assertion's signer payload.
    static func matches(_ asset: [String: Any], _ signerPayload: CBORValue) -> Bool {
        guard asset["sig_type"] as? String == signerPayload["sig_type"]?.textValue,
            let jsonReferences = asset["referenced_assertions"] as? [[String: Any]],
            let cborReferences = signerPayload["referenced_assertions"]?.arrayValue,
            jsonReferences.count == cborReferences.count
        else { return false }
        for (json, cbor) in zip(jsonReferences, cborReferences) {
            guard json["url"] as? String == cbor["url"]?.textValue, let hash = cbor["hash"]?.bytesValue else { return false }
            let expected = Data(hash).base64EncodedString()
            let given: String?
            if let text = json["hash"] as? String {
                given = text
            } else if let numbers = json["hash"] as? [Int] {
                given = String(decoding: numbers.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
            } else {
                given = nil
            }
            guard given == expected else { return false }
        }
        return true
    }

    /// Resolves a `did:jwk` method-specific identifier to a key.
    static func jwkKey(_ identifier: String) -> VerificationKey? {
        guard let data = base64URLDecode(identifier),
            let jwk = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let kty = jwk["kty"] as? String, let crv = jwk["crv"] as? String,
            let x = (jwk["x"] as? String).flatMap(base64URLDecode)
        else { return nil }
        switch (kty, crv) {
        case ("OKP", "Ed25519"):
            return (try? Curve25519.Signing.PublicKey(rawRepresentation: x)).map(VerificationKey.ed25519)
        case ("EC", "P-256"):
            guard let y = (jwk["y"] as? String).flatMap(base64URLDecode) else { return nil }
            return (try? P256.Signing.PublicKey(rawRepresentation: x + y)).map(VerificationKey.p256)
        case ("EC", "P-384"):
            guard let y = (jwk["y"] as? String).flatMap(base64URLDecode) else { return nil }
            return (try? P384.Signing.PublicKey(rawRepresentation: x + y)).map(VerificationKey.p384)
        default:
            return nil
        }
    }

    static func base64URLDecode(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

extension HashAlgorithm {
    /// Maps a hash algorithm OID (dotted) to an algorithm.
    init?(oid: String) {
        switch oid {
        case "2.16.840.1.101.3.4.2.1": self = .sha256
        case "2.16.840.1.101.3.4.2.2": self = .sha384
        case "2.16.840.1.101.3.4.2.3": self = .sha512
        default: return nil
        }
    }
}
