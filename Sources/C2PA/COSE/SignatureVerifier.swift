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
        // The digest follows the algorithm; the curve follows the key (any ES alg with any allowed curve).
        func digest<H: HashFunction>(_: H.Type) -> H.Digest { H.hash(data: message) }
        if case .p256(let p256) = key {
            guard let sig = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            switch algorithm {
            case .es384: return p256.isValidSignature(sig, for: digest(SHA384.self))
            case .es512: return p256.isValidSignature(sig, for: digest(SHA512.self))
            default: return p256.isValidSignature(sig, for: digest(SHA256.self))
            }
        }
        if case .p384(let p384) = key {
            guard let sig = try? P384.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            switch algorithm {
            case .es256: return p384.isValidSignature(sig, for: digest(SHA256.self))
            case .es512: return p384.isValidSignature(sig, for: digest(SHA512.self))
            default: return p384.isValidSignature(sig, for: digest(SHA384.self))
            }
        }
        if case .p521(let p521) = key {
            guard let sig = try? P521.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            switch algorithm {
            case .es256: return p521.isValidSignature(sig, for: digest(SHA256.self))
            case .es384: return p521.isValidSignature(sig, for: digest(SHA384.self))
            default: return p521.isValidSignature(sig, for: digest(SHA512.self))
            }
        }
        return false
    }
}
