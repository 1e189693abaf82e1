import Crypto
import _CryptoExtras
import X509

/// A public key usable for C2PA and certificate signature checks.
enum VerificationKey: Sendable {
    case p256(P256.Signing.PublicKey)
    case p384(P384.Signing.PublicKey)
    case p521(P521.Signing.PublicKey)
    case rsa(_RSA.Signing.PublicKey)
    case ed25519(Curve25519.Signing.PublicKey)

    init?(_ key: Certificate.PublicKey) {
        if let value = P256.Signing.PublicKey(key) {
            self = .p256(value)
        } else if let value = P384.Signing.PublicKey(key) {
            self = .p384(value)
        } else if let value = P521.Signing.PublicKey(key) {
            self = .p521(value)
        } else if let value = _RSA.Signing.PublicKey(key) {
            self = .rsa(value)
        } else if let value = Curve25519.Signing.PublicKey(key) {
            self = .ed25519(value)
        } else {
            return nil
        }
    }
}
