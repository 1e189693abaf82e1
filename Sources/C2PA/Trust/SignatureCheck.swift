import Crypto
import _CryptoExtras

/// Verifies X.509 / CMS signatures (DER-encoded ECDSA, PKCS #1 v1.5, RSASSA-PSS, Ed25519) by OID.
enum SignatureCheck {
    /// Verifies `signature` over `message`.
    ///
    /// - Parameters:
    ///   - signatureOID: the signature algorithm OID (dotted); for bare key-type OIDs
    ///     (rsaEncryption, id-ecPublicKey) and RSASSA-PSS the hash comes from `digest`.
    static func verify(_ signature: [UInt8], message: [UInt8], signatureOID: String, digest: HashAlgorithm?, key: VerificationKey) -> Bool {
        switch signatureOID {
        case "1.2.840.10045.4.3.2": return ecdsa(signature, message, .sha256, key)
        case "1.2.840.10045.4.3.3": return ecdsa(signature, message, .sha384, key)
        case "1.2.840.10045.4.3.4": return ecdsa(signature, message, .sha512, key)
        case "1.2.840.10045.2.1": return ecdsa(signature, message, digest ?? .sha256, key)
        case "1.2.840.113549.1.1.11": return rsa(signature, message, .sha256, pss: false, key)
        case "1.2.840.113549.1.1.12": return rsa(signature, message, .sha384, pss: false, key)
        case "1.2.840.113549.1.1.13": return rsa(signature, message, .sha512, pss: false, key)
        case "1.2.840.113549.1.1.1": return rsa(signature, message, digest ?? .sha256, pss: false, key)
        case "1.2.840.113549.1.1.10": return rsa(signature, message, digest ?? .sha256, pss: true, key)
        case "1.3.101.112":
            guard case .ed25519(let ed) = key else { return false }
            return ed.isValidSignature(signature, for: message)
        default:
            return false
        }
    }

    private static func rsa(_ signature: [UInt8], _ message: [UInt8], _ hash: HashAlgorithm, pss: Bool, _ key: VerificationKey) -> Bool {
        guard case .rsa(let rsa) = key else { return false }
        let value = _RSA.Signing.RSASignature(rawRepresentation: signature)
        let padding: _RSA.Signing.Padding = pss ? .PSS : .insecurePKCS1v1_5
        switch hash {
        case .sha256: return rsa.isValidSignature(value, for: SHA256.hash(data: message), padding: padding)
        case .sha384: return rsa.isValidSignature(value, for: SHA384.hash(data: message), padding: padding)
        case .sha512: return rsa.isValidSignature(value, for: SHA512.hash(data: message), padding: padding)
        }
    }

    private static func ecdsa(_ der: [UInt8], _ message: [UInt8], _ hash: HashAlgorithm, _ key: VerificationKey) -> Bool {
        switch key {
        case .p256(let key):
            guard let signature = try? P256.Signing.ECDSASignature(derRepresentation: der) else { return false }
            switch hash {
            case .sha256: return key.isValidSignature(signature, for: SHA256.hash(data: message))
            case .sha384: return key.isValidSignature(signature, for: SHA384.hash(data: message))
            case .sha512: return key.isValidSignature(signature, for: SHA512.hash(data: message))
            }
        case .p384(let key):
            guard let signature = try? P384.Signing.ECDSASignature(derRepresentation: der) else { return false }
            switch hash {
            case .sha256: return key.isValidSignature(signature, for: SHA256.hash(data: message))
            case .sha384: return key.isValidSignature(signature, for: SHA384.hash(data: message))
            case .sha512: return key.isValidSignature(signature, for: SHA512.hash(data: message))
            }
        case .p521(let key):
            guard let signature = try? P521.Signing.ECDSASignature(derRepresentation: der) else { return false }
            switch hash {
            case .sha256: return key.isValidSignature(signature, for: SHA256.hash(data: message))
            case .sha384: return key.isValidSignature(signature, for: SHA384.hash(data: message))
            case .sha512: return key.isValidSignature(signature, for: SHA512.hash(data: message))
            }
        default:
            return false
        }
    }
}
