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

    /// `extensions` plus the key identifiers a real CA writes (RFC 5280 §4.2.1.1-2): the subject key
    /// identifier of `subjectKey` and, when `authorityKey` is set, the authority key identifier naming it.
    static func withKeyIdentifiers(
        _ extensions: Certificate.Extensions, subjectKey: Certificate.PublicKey, authorityKey: Certificate.PublicKey?
    ) throws -> Certificate.Extensions {
        var result = extensions
        if result[oid: .X509ExtensionID.subjectKeyIdentifier] == nil {
            try result.append(Certificate.Extension(SubjectKeyIdentifier(hash: subjectKey), critical: false))
        }
        if let authorityKey, result[oid: .X509ExtensionID.authorityKeyIdentifier] == nil {
            let identifier = SubjectKeyIdentifier(hash: authorityKey).keyIdentifier
            try result.append(Certificate.Extension(AuthorityKeyIdentifier(keyIdentifier: identifier), critical: false))
        }
        return result
    }

    /// A self-signed certificate for a fresh P-256 key (with key identifiers, its AKI naming itself,
    /// as OpenSSL writes them; `authorityKeyIdentifier: false` leaves the AKI out).
    static func selfSigned(
        _ commonName: String, extensions: Certificate.Extensions, notBefore: Date = TestPKI.farPast, notAfter: Date = TestPKI.farFuture,
        authorityKeyIdentifier: Bool = true
    ) throws -> TestIssuer {
        let key = TestKey.p256(P256.Signing.PrivateKey())
        let subject = try name(commonName)
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: key.publicKey, notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try withKeyIdentifiers(extensions, subjectKey: key.publicKey, authorityKey: authorityKeyIdentifier ? key.publicKey : nil),
            issuerPrivateKey: key.certificateKey)
        return TestIssuer(key: key, certificate: certificate)
    }

    /// Issues a certificate for a fresh P-256 key (or `key`), signed with this issuer's key, with key
    /// identifiers (`authorityKeyIdentifier: false` leaves the AKI out); `subject` replaces the
    /// default subject name built from `commonName`.
    func issue(
        _ commonName: String, extensions: Certificate.Extensions, key: TestKey? = nil, issuerName: DistinguishedName? = nil,
        subject: DistinguishedName? = nil, notBefore: Date = TestPKI.farPast, notAfter: Date = TestPKI.farFuture,
        authorityKeyIdentifier: Bool = true
    ) throws -> TestIssuer {
        let subjectKey = key ?? TestKey.p256(P256.Signing.PrivateKey())
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: subjectKey.publicKey, notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: issuerName ?? self.certificate.subject, subject: try subject ?? Self.name(commonName), signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Self.withKeyIdentifiers(
                extensions, subjectKey: subjectKey.publicKey, authorityKey: authorityKeyIdentifier ? self.certificate.publicKey : nil),
            issuerPrivateKey: self.key.certificateKey)
        return TestIssuer(key: subjectKey, certificate: certificate)
    }

    var pem: String {
        get throws { try certificate.serializeAsPEM().pemString }
    }
}
