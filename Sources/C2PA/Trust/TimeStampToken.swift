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
        /// Whether the content-type signed attribute (when attributes are present) names TSTInfo.
        let contentTypeMatches: Bool
        let signatureOID: String
        let signatureParameters: ASN1Node?
        let signature: [UInt8]
    }

    /// Parses a DER TimeStampToken (or a TimeStampResp wrapping one); nil when it is not one.
    ///
    /// The structures are decoded with the swift-asn1 types of ``CMSContentInfo``, ``CMSSignedData``
    /// and ``TSTInfo``: every field's tag is checked, the content must be a SignedData whose
    /// encapsulated content type is id-ct-TSTInfo, and trailing or misplaced fields are refused.
    public init?(der: [UInt8]) {
        guard let root = try? DER.parse(der) else { return nil }
        let info: CMSContentInfo
        if let direct = try? CMSContentInfo(derEncoded: root) {
            info = direct
        } else if let response = try? TimeStampResponse(derEncoded: root), let token = response.token {
            info = token
        } else {
            return nil
        }
        guard info.contentType == TimeStampOID.signedData,
            let signedData = try? CMSSignedData(derEncoded: info.content),
            signedData.contentType == TimeStampOID.tstInfo,
            let tstNode = try? DER.parse(signedData.content),
            let tstInfo = try? TSTInfo(derEncoded: tstNode),
            let date = Self.date(tstInfo.generationTime)
        else { return nil }
        self.generationTime = date
        self.imprint = tstInfo.imprint
        self.imprintAlgorithm = tstInfo.imprintAlgorithm.description
        self.content = signedData.content
        self.certificates = signedData.certificates.compactMap(SignerCertificate.init(der:))
        self.signers = signedData.signerInfos.map { info in
            var messageDigest: [UInt8]?
            if let node = info.signedAttribute(TimeStampOID.messageDigestAttribute), let octets = try? ASN1OctetString(derEncoded: node) {
                messageDigest = Array(octets.bytes)
            }
            // With signed attributes, the content-type attribute must name the encapsulated content (RFC 5652 §11.1).
            var contentTypeMatches = true
            if info.signedAttributes != nil {
                let node = info.signedAttribute(TimeStampOID.contentTypeAttribute)
                contentTypeMatches = node.flatMap { try? ASN1ObjectIdentifier(derEncoded: $0) } == TimeStampOID.tstInfo
            }
            return SignerInfo(
                digest: HashAlgorithm(oid: info.digestAlgorithm.oid.description), signedAttributes: info.signedAttributesDER,
                messageDigest: messageDigest, contentTypeMatches: contentTypeMatches,
                signatureOID: info.signatureAlgorithm.oid.description, signatureParameters: info.signatureAlgorithm.parameters,
                signature: info.signature)
        }
    }

    /// The TSA certificate whose key verifies the token's signature, if any.
    func verifiedSigner() -> SignerCertificate? {
        for signer in signers {
            let message: [UInt8]
            if let attributes = signer.signedAttributes {
                guard signer.contentTypeMatches, let expected = signer.messageDigest, let digest = signer.digest, digest.digest(content) == expected else { continue }
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
}
