import Crypto
import _CryptoExtras
import X509

/// Verifies COSE signatures with a certificate's public key.
enum SignatureVerifier {
    /// Whether `signature` over `message` verifies with `key` under `algorithm`.
    ///
    /// ECDSA signatures are the raw `r || s` concatenation COSE prescribes; PS* is RSASSA-PSS with
    /// MGF1 over the same hash and a salt as long as the hash.
    static func verify(
        _ signature: [UInt8], message: [UInt8], key: VerificationKey, algorithm: COSEAlgorithm
    ) -> Bool {
        switch algorithm {
        case .es256, .es384, .es512:
            return verifyECDSA(signature, message: message, key: key, algorithm: algorithm)
        case .ps256, .ps384, .ps512:
            guard case .rsa(let rsa) = key else { return false }
            let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
            switch algorithm {
            case .ps256: return rsa.isValidSignature(rsaSignature, for: SHA256.hash(data: message), padding: .PSS)
            case .ps384: return rsa.isValidSignature(rsaSignature, for: SHA384.hash(data: message), padding: .PSS)
            default: return rsa.isValidSignature(rsaSignature, for: SHA512.hash(data: message), padding: .PSS)
            }
        case .ed25519:
            guard case .ed25519(let ed) = key else { return false }
            return ed.isValidSignature(signature, for: message)
        }
    }

    private static func verifyECDSA(
        _ signature: [UInt8], message: [UInt8], key: VerificationKey, algorithm: COSEAlgorithm
    ) -> Bool {
        // Each ES algorithm is bound to its curve (RFC 9053 §2.1; C2PA 2.2 §13.2): ES256 to P-256,
        // ES384 to P-384, ES512 to P-521. Any other pairing is refused.
        switch (algorithm, key) {
        case (.es256, .p256(let p256)):
            guard let sig = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return p256.isValidSignature(sig, for: SHA256.hash(data: message))
        case (.es384, .p384(let p384)):
            guard let sig = try? P384.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return p384.isValidSignature(sig, for: SHA384.hash(data: message))
        case (.es512, .p521(let p521)):
            guard let sig = try? P521.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return p521.isValidSignature(sig, for: SHA512.hash(data: message))
        default:
            return false
        }
    }
}
