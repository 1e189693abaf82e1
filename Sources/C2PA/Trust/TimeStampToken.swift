import Foundation
import SwiftASN1

/// An RFC 3161 time-stamp token (CMS SignedData over a TSTInfo), with what C2PA validation needs.
public struct TimeStampToken: Sendable {
    /// The time the TSA asserts (TSTInfo.genTime).
    public let generationTime: Date
    /// The message imprint hash.
    public let imprint: [UInt8]
    /// The imprint's hash algorithm OID (dotted).
    public let imprintAlgorithm: String
    /// The DER TSTInfo (the signed content).
    let content: [UInt8]
    /// Certificates carried in the SignedData.
    let certificates: [SignerCertificate]
    /// The signer infos.
    let signers: [SignerInfo]

    /// One CMS SignerInfo.
    struct SignerInfo: Sendable {
        let digest: HashAlgorithm?
        /// The signed attributes re-encoded as a SET (what is signed), when present.
        let signedAttributes: [UInt8]?
        /// The messageDigest attribute value.
        let messageDigest: [UInt8]?
        let signatureOID: String
        let signatureParameters: ASN1Node?
        let signature: [UInt8]
    }

    /// Parses a DER TimeStampToken (or a TimeStampResp wrapping one); nil when it is not one.
    public init?(der: [UInt8]) {
        guard let root = try? DER.parse(der), var contentInfo = Self.children(root), contentInfo.count >= 2 else { return nil }
        // A TimeStampResp { status, timeStampToken } wraps the ContentInfo.
        if contentInfo[0].identifier == .sequence, let inner = Self.children(contentInfo[1]) {
            contentInfo = inner
        }
        guard contentInfo.count >= 2,
            let explicit = Self.children(contentInfo[1]), let signedDataNode = explicit.first,
            let signedData = Self.children(signedDataNode), signedData.count >= 4,
            let encapsulated = Self.children(signedData[2]), encapsulated.count >= 2,
            let wrapped = Self.children(encapsulated[1]), let octets = wrapped.first,
            case .primitive(let tstBytes) = octets.content,
            let tstInfoNode = try? DER.parse(tstBytes),
            let tstInfo = Self.children(tstInfoNode), tstInfo.count >= 5,
            let imprintParts = Self.children(tstInfo[2]), imprintParts.count == 2,
            let algorithmParts = Self.children(imprintParts[0]), let algorithmNode = algorithmParts.first,
            let algorithm = try? ASN1ObjectIdentifier(derEncoded: algorithmNode),
            case .primitive(let imprint) = imprintParts[1].content,
            let time = try? GeneralizedTime(derEncoded: tstInfo[4]),
            let date = Self.date(time)
        else { return nil }
        self.generationTime = date
        self.imprint = Array(imprint)
        self.imprintAlgorithm = algorithm.description
        self.content = Array(tstBytes)
        var certificates: [SignerCertificate] = []
        var signers: [SignerInfo] = []
        for node in signedData.dropFirst(3) {
            if node.identifier.tagClass == .contextSpecific, node.identifier.tagNumber == 0, let items = Self.children(node) {
                certificates = items.prefix(16).compactMap { SignerCertificate(der: Array($0.encodedBytes)) }
            } else if node.identifier == .set, let items = Self.children(node) {
                signers = items.prefix(8).compactMap(Self.signerInfo)
            }
        }
        self.certificates = certificates
        self.signers = signers
    }

    /// The TSA certificate whose key verifies the token's signature, if any.
    func verifiedSigner() -> SignerCertificate? {
        for signer in signers {
            let message: [UInt8]
            if let attributes = signer.signedAttributes {
                guard let expected = signer.messageDigest, let digest = signer.digest, digest.digest(content) == expected else { continue }
                message = attributes
            } else {
                message = content
            }
            let pss = signer.signatureOID == "1.2.840.113549.1.1.10" ? signer.signatureParameters.flatMap(SignerCertificate.pssHash) : nil
            for certificate in certificates where SignatureCheck.verify(
                signer.signature, message: message, signatureOID: signer.signatureOID, digest: pss ?? signer.digest, key: certificate.key) {
                return certificate
            }
        }
        return nil
    }

    private static func signerInfo(_ node: ASN1Node) -> SignerInfo? {
        guard let fields = children(node), fields.count >= 5 else { return nil }
        var index = 2
        guard let digestParts = children(fields[index]), let digestOIDNode = digestParts.first,
            let digestOID = try? ASN1ObjectIdentifier(derEncoded: digestOIDNode)
        else { return nil }
        index += 1
        var signedAttributes: [UInt8]?
        var messageDigest: [UInt8]?
        if fields[index].identifier.tagClass == .contextSpecific, fields[index].identifier.tagNumber == 0 {
            var encoded = Array(fields[index].encodedBytes)
            if !encoded.isEmpty { encoded[0] = 0x31 }  // [0] IMPLICIT → SET OF, as signed
            signedAttributes = encoded
            for attribute in children(fields[index]) ?? [] {
                guard let parts = children(attribute), parts.count == 2,
                    let oid = try? ASN1ObjectIdentifier(derEncoded: parts[0]), oid.description == "1.2.840.113549.1.9.4",
                    let values = children(parts[1]), let value = values.first, case .primitive(let digest) = value.content
                else { continue }
                messageDigest = Array(digest)
            }
            index += 1
        }
        guard index + 1 < fields.count, let signatureParts = children(fields[index]), let signatureOIDNode = signatureParts.first,
            let signatureOID = try? ASN1ObjectIdentifier(derEncoded: signatureOIDNode),
            case .primitive(let signature) = fields[index + 1].content
        else { return nil }
        return SignerInfo(
            digest: HashAlgorithm(oid: digestOID.description), signedAttributes: signedAttributes, messageDigest: messageDigest,
            signatureOID: signatureOID.description, signatureParameters: signatureParts.count > 1 ? signatureParts[1] : nil,
            signature: Array(signature))
    }

    /// The instant of a UTC GeneralizedTime, by calendar arithmetic (proleptic Gregorian days from
    /// civil date), with no shared Calendar or formatter state.
    static func date(_ time: GeneralizedTime) -> Date? {
        let year = time.year - (time.month <= 2 ? 1 : 0)
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * ((time.month + 9) % 12) + 2) / 5 + time.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + time.hours * 3_600 + time.minutes * 60 + time.seconds
        return Date(timeIntervalSince1970: Double(seconds) + time.fractionalSeconds)
    }

    private static func children(_ node: ASN1Node) -> [ASN1Node]? {
        guard case .constructed(let collection) = node.content else { return nil }
        return Array(collection)
    }
}
