import C2PA
import Crypto
import _CryptoExtras
import Foundation
import SwiftASN1
import X509

/// A signing key of one of the C2PA algorithms, for building fixtures in tests.
enum TestKey {
    case p256(P256.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)
    case rsa(_RSA.Signing.PrivateKey)

    var certificateKey: Certificate.PrivateKey {
        switch self {
        case .p256(let key): return Certificate.PrivateKey(key)
        case .ed25519(let key): return Certificate.PrivateKey(key)
        case .rsa(let key): return Certificate.PrivateKey(key)
        }
    }

    var publicKey: Certificate.PublicKey { certificateKey.publicKey }

    /// The COSE algorithm identifier used with this key.
    var coseAlgorithm: Int {
        switch self {
        case .p256: return -7
        case .ed25519: return -8
        case .rsa: return -37
        }
    }

    var certificateSignatureAlgorithm: Certificate.SignatureAlgorithm {
        switch self {
        case .p256: return .ecdsaWithSHA256
        case .ed25519: return .ed25519
        case .rsa: return .sha256WithRSAEncryption
        }
    }

    /// A COSE signature (raw r||s for ECDSA, PSS for RSA).
    func sign(_ message: [UInt8]) throws -> [UInt8] {
        switch self {
        case .p256(let key): return Array(try key.signature(for: message).rawRepresentation)
        case .ed25519(let key): return Array(try key.signature(for: message))
        case .rsa(let key): return Array(try key.signature(for: SHA256.hash(data: message), padding: .PSS).rawRepresentation)
        }
    }
}

/// A throw-away PKI: a root CA and leaves signed by it, all generated in memory.
struct TestPKI {
    let rootKey: TestKey
    let root: Certificate

    static let farPast = Date(timeIntervalSince1970: 1_600_000_000)  // 2020-09
    static let farFuture = Date(timeIntervalSince1970: 2_500_000_000)  // 2049

    init() throws {
        let key = TestKey.p256(P256.Signing.PrivateKey())
        let name = try DistinguishedName {
            OrganizationName("Provenant Unit Test PKI")
            CommonName("Provenant Unit Test Root")
        }
        rootKey = key
        root = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: key.publicKey,
            notValidBefore: Self.farPast, notValidAfter: Self.farFuture,
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try TestIssuer.withKeyIdentifiers(
                try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                }, subjectKey: key.publicKey, authorityKey: key.publicKey),
            issuerPrivateKey: key.certificateKey)
    }

    /// Issues a leaf certificate for `key`.
    func leaf(
        for key: TestKey, name: String = "Provenant unit test signer", ekus: [ExtendedKeyUsage.Usage]? = [.emailProtection],
        notBefore: Date = TestPKI.farPast, notAfter: Date = TestPKI.farFuture
    ) throws -> Certificate {
        let subject = try DistinguishedName {
            OrganizationName("Provenant Unit Test PKI")
            CommonName(name)
        }
        let extensions: Certificate.Extensions
        if let ekus {
            extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage(ekus)
            }
        } else {
            extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
            }
        }
        return try Certificate(
            version: .v3, serialNumber: .init(), publicKey: key.publicKey,
            notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: root.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try TestIssuer.withKeyIdentifiers(extensions, subjectKey: key.publicKey, authorityKey: root.publicKey),
            issuerPrivateKey: rootKey.certificateKey)
    }

    /// The root certificate as PEM.
    var rootPEM: String {
        get throws { try root.serializeAsPEM().pemString }
    }
}

extension Certificate {
    /// The DER encoding.
    var derBytes: [UInt8] {
        get throws {
            var serializer = DER.Serializer()
            try serializer.serialize(self)
            return serializer.serializedBytes
        }
    }
}
