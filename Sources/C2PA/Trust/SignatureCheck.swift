import Crypto
import _CryptoExtras

/// Verifies signatures with a ``VerificationKey``: X.509 / CMS signatures by OID, and the ECDSA and RSA
/// primitives the COSE verifier shares.
enum SignatureCheck {
    /// How an ECDSA signature is encoded: DER `Ecdsa-Sig-Value` (X.509, CMS) or raw `r ‖ s` (COSE).
    enum ECDSAEncoding {
        case der
        case raw
    }

    /// Verifies `signature` over `message`.
    ///
    /// - Parameters:
    ///   - signatureOID: the signature algorithm OID (dotted); for bare key-type OIDs
    ///     (rsaEncryption, id-ecPublicKey) and RSASSA-PSS the hash comes from `digest`.
    static func verify(_ signature: [UInt8], message: [UInt8], signatureOID: String, digest: HashAlgorithm?, key: VerificationKey) -> Bool {
        switch signatureOID {
        case "1.2.840.10045.4.3.2": return ecdsa(signature, encoding: .der, message: message, hash: .sha256, key: key)
        case "1.2.840.10045.4.3.3": return ecdsa(signature, encoding: .der, message: message, hash: .sha384, key: key)
        case "1.2.840.10045.4.3.4": return ecdsa(signature, encoding: .der, message: message, hash: .sha512, key: key)
        case "1.2.840.10045.2.1": return ecdsa(signature, encoding: .der, message: message, hash: digest ?? .sha256, key: key)
        case "1.2.840.113549.1.1.11": return rsa(signature, message: message, hash: .sha256, pss: false, key: key)
        case "1.2.840.113549.1.1.12": return rsa(signature, message: message, hash: .sha384, pss: false, key: key)
        case "1.2.840.113549.1.1.13": return rsa(signature, message: message, hash: .sha512, pss: false, key: key)
        case "1.2.840.113549.1.1.1": return rsa(signature, message: message, hash: digest ?? .sha256, pss: false, key: key)
        case "1.2.840.113549.1.1.10": return rsa(signature, message: message, hash: digest ?? .sha256, pss: true, key: key)
        case "1.3.101.112":
            guard case .ed25519(let ed) = key else { return false }
            return ed.isValidSignature(signature, for: message)
        default:
            return false
        }
    }

    /// RSASSA-PKCS1-v1_5 or RSASSA-PSS (MGF1 over the same hash, salt as long as the hash) with an RSA key.
    static func rsa(_ signature: [UInt8], message: [UInt8], hash: HashAlgorithm, pss: Bool, key: VerificationKey) -> Bool {
        guard case .rsa(let rsa) = key else { return false }
        let value = _RSA.Signing.RSASignature(rawRepresentation: signature)
        return rsa.isValidSignature(value, for: hash.hash(message), padding: pss ? .PSS : .insecurePKCS1v1_5)
    }

    /// ECDSA with a P-256, P-384 or P-521 key; the digest is `hash` whatever the curve.
    static func ecdsa(_ signature: [UInt8], encoding: ECDSAEncoding, message: [UInt8], hash: HashAlgorithm, key: VerificationKey) -> Bool {
        let digest = hash.hash(message)
        switch key {
        case .p256(let key):
            let parsed = encoding == .der
                ? try? P256.Signing.ECDSASignature(derRepresentation: signature) : try? P256.Signing.ECDSASignature(rawRepresentation: signature)
            return parsed.map { key.isValidSignature($0, for: digest) } ?? false
        case .p384(let key):
            let parsed = encoding == .der
                ? try? P384.Signing.ECDSASignature(derRepresentation: signature) : try? P384.Signing.ECDSASignature(rawRepresentation: signature)
            return parsed.map { key.isValidSignature($0, for: digest) } ?? false
        case .p521(let key):
            let parsed = encoding == .der
                ? try? P521.Signing.ECDSASignature(derRepresentation: signature) : try? P521.Signing.ECDSASignature(rawRepresentation: signature)
            return parsed.map { key.isValidSignature($0, for: digest) } ?? false
        case .rsa, .ed25519:
            return false
        }
    }
}
