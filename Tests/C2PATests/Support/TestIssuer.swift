import Crypto
import Foundation
import SwiftASN1
import X509

/// A certificate with its private key, able to issue further certificates: builds crafted chains
/// (end entities acting as CAs, missing constraints, expired intermediates, …) for trust tests.
struct TestIssuer {
    let key: TestKey
    let certificate: Certificate

    /// Extensions of a well-formed CA certificate.
    static func caExtensions(pathLength: Int? = nil) throws -> Certificate.Extensions {
        try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: pathLength))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
        }
    }

    /// Extensions of a well-formed C2PA signer certificate.
    static func signerExtensions() throws -> Certificate.Extensions {
        try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.emailProtection])
        }
    }

    static func name(_ commonName: String) throws -> DistinguishedName {
        try DistinguishedName {
            OrganizationName("Provenant Unit Test PKI")
            CommonName(commonName)
        }
    }

    /// A self-signed certificate for a fresh P-256 key.
    static func selfSigned(
        _ commonName: String, extensions: Certificate.Extensions, notBefore: Date = TestPKI.farPast, notAfter: Date = TestPKI.farFuture
    ) throws -> TestIssuer {
        let key = TestKey.p256(P256.Signing.PrivateKey())
        let subject = try name(commonName)
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: key.publicKey, notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
            issuerPrivateKey: key.certificateKey)
        return TestIssuer(key: key, certificate: certificate)
    }

    /// Issues a certificate for a fresh P-256 key (or `key`), signed with this issuer's key.
    func issue(
        _ commonName: String, extensions: Certificate.Extensions, key: TestKey? = nil, issuerName: DistinguishedName? = nil,
        notBefore: Date = TestPKI.farPast, notAfter: Date = TestPKI.farFuture
    ) throws -> TestIssuer {
        let subjectKey = key ?? TestKey.p256(P256.Signing.PrivateKey())
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: subjectKey.publicKey, notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: issuerName ?? self.certificate.subject, subject: try Self.name(commonName), signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions, issuerPrivateKey: self.key.certificateKey)
        return TestIssuer(key: subjectKey, certificate: certificate)
    }

    var pem: String {
        get throws { try certificate.serializeAsPEM().pemString }
    }
}
