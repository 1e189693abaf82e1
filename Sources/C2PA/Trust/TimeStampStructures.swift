import SwiftASN1

// The ASN.1 structures of an RFC 3161 time-stamp token, parsed field by field with swift-asn1's
// `DERParseable` machinery (RFC 5652 §5 for CMS SignedData, RFC 3161 §2.4.2 for TSTInfo). Each type
// checks the tags it expects and throws on anything else, so no field is ever read by its position
// alone. Fields C2PA validation does not use are checked for their tag and skipped.

/// Object identifiers used by time-stamp tokens.
enum TimeStampOID {
    /// id-signedData (RFC 5652 §5.1).
    static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 2]
    /// id-ct-TSTInfo (RFC 3161 §2.4.2).
    static let tstInfo: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 1, 4]
    /// id-contentType signed attribute (RFC 5652 §11.1).
    static let contentTypeAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 3]
    /// id-messageDigest signed attribute (RFC 5652 §11.2).
    static let messageDigestAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 4]
}

/// `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }`.
struct CMSAlgorithm: DERParseable, Sendable {
    let oid: ASN1ObjectIdentifier
    let parameters: ASN1Node?

    init(derEncoded node: ASN1Node) throws {
        (oid, parameters) = try DER.sequence(node, identifier: .sequence) { nodes in
            let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
            return (oid, nodes.next())
        }
    }
}

/// `ContentInfo ::= SEQUENCE { contentType OBJECT IDENTIFIER, content [0] EXPLICIT ANY }` (RFC 5652 §3).
struct CMSContentInfo: DERParseable, Sendable {
    let contentType: ASN1ObjectIdentifier
    let content: ASN1Node

    init(derEncoded node: ASN1Node) throws {
        (contentType, content) = try DER.sequence(node, identifier: .sequence) { nodes in
            let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
            let content = try DER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { $0 }
            return (type, content)
        }
    }
}

/// `TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }` (RFC 3161 §2.4.2).
struct TimeStampResponse: DERParseable, Sendable {
    let token: CMSContentInfo?

    init(derEncoded node: ASN1Node) throws {
        token = try DER.sequence(node, identifier: .sequence) { nodes in
            guard let status = nodes.next(), status.identifier == .sequence else {
                throw ASN1Error.invalidASN1Object(reason: "TimeStampResp without a PKIStatusInfo")
            }
            return try nodes.next().map(CMSContentInfo.init(derEncoded:))
        }
    }
}

/// One signed attribute: `Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF ANY }`.
struct CMSAttribute: DERParseable, Sendable {
    let type: ASN1ObjectIdentifier
    let values: [ASN1Node]

    init(derEncoded node: ASN1Node) throws {
        (type, values) = try DER.sequence(node, identifier: .sequence) { nodes in
            let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
            guard let set = nodes.next(), set.identifier == .set, case .constructed(let values) = set.content else {
                throw ASN1Error.invalidASN1Object(reason: "attribute values are not a SET")
            }
            return (type, Array(values))
        }
    }
}

/// `SignerInfo` (RFC 5652 §5.3): version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm,
/// signature, [1] unsignedAttrs.
struct CMSSignerInfo: DERParseable, Sendable {
    let digestAlgorithm: CMSAlgorithm
    /// The signed attributes, and their DER re-tagged as the `SET OF` that is actually signed (§5.4).
    let signedAttributes: [CMSAttribute]?
    let signedAttributesDER: [UInt8]?
    let signatureAlgorithm: CMSAlgorithm
    let signature: [UInt8]

    init(derEncoded node: ASN1Node) throws {
        (digestAlgorithm, signedAttributes, signedAttributesDER, signatureAlgorithm, signature) =
            try DER.sequence(node, identifier: .sequence) { nodes in
                _ = try Int(derEncoded: &nodes)
                guard let sid = nodes.next(),
                    sid.identifier == .sequence || sid.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                else { throw ASN1Error.invalidASN1Object(reason: "SignerInfo without a signer identifier") }
                let digest = try CMSAlgorithm(derEncoded: &nodes)
                var attributes: [CMSAttribute]?
                var attributesDER: [UInt8]?
                if let implicit = DER.optionalImplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific, { $0 }) {
                    guard case .constructed(let items) = implicit.content else {
                        throw ASN1Error.invalidASN1Object(reason: "signed attributes are not constructed")
                    }
                    attributes = try items.map(CMSAttribute.init(derEncoded:))
                    var encoded = Array(implicit.encodedBytes)
                    encoded[0] = 0x31  // [0] IMPLICIT SET OF → universal SET OF, as signed (RFC 5652 §5.4)
                    attributesDER = encoded
                }
                let algorithm = try CMSAlgorithm(derEncoded: &nodes)
                let signature = try ASN1OctetString(derEncoded: &nodes)
                _ = DER.optionalImplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific, { $0 })
                return (digest, attributes, attributesDER, algorithm, Array(signature.bytes))
            }
    }

    /// The single value of the signed attribute `type`, when present exactly once with one value.
    func signedAttribute(_ type: ASN1ObjectIdentifier) -> ASN1Node? {
        let matching = (signedAttributes ?? []).filter { $0.type == type }
        guard matching.count == 1, matching[0].values.count == 1 else { return nil }
        return matching[0].values[0]
    }
}

/// `SignedData` (RFC 5652 §5.1) of a time-stamp token.
struct CMSSignedData: DERParseable, Sendable {
    let contentType: ASN1ObjectIdentifier
    /// The encapsulated content (for a time-stamp token, the DER TSTInfo).
    let content: [UInt8]
    /// DER certificates of the `certificates` field (other certificate choices are skipped).
    let certificates: [[UInt8]]
    let signerInfos: [CMSSignerInfo]

    /// The most certificates and signer infos read from one token.
    static let maxItems = 16

    init(derEncoded node: ASN1Node) throws {
        (contentType, content, certificates, signerInfos) = try DER.sequence(node, identifier: .sequence) { nodes in
            _ = try Int(derEncoded: &nodes)
            guard let digestAlgorithms = nodes.next(), digestAlgorithms.identifier == .set else {
                throw ASN1Error.invalidASN1Object(reason: "SignedData without digestAlgorithms")
            }
            let (type, content) = try DER.sequence(try Self.required(&nodes), identifier: .sequence) { inner in
                let type = try ASN1ObjectIdentifier(derEncoded: &inner)
                let octets = try DER.optionalExplicitlyTagged(&inner, tagNumber: 0, tagClass: .contextSpecific) {
                    try ASN1OctetString(derEncoded: $0)
                }
                return (type, octets.map { Array($0.bytes) })
            }
            guard let content else { throw ASN1Error.invalidASN1Object(reason: "time-stamp token without encapsulated content") }
            var certificates: [[UInt8]] = []
            if let set = DER.optionalImplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific, { $0 }),
                case .constructed(let items) = set.content {
                certificates = items.prefix(Self.maxItems).filter { $0.identifier == .sequence }.map { Array($0.encodedBytes) }
            }
            _ = DER.optionalImplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific, { $0 })
            let signers = try DER.set(try Self.required(&nodes), identifier: .set) { items in
                var result: [CMSSignerInfo] = []
                while let item = items.next() {
                    guard result.count < Self.maxItems else { continue }
                    result.append(try CMSSignerInfo(derEncoded: item))
                }
                return result
            }
            return (type, content, certificates, signers)
        }
    }

    private static func required(_ nodes: inout ASN1NodeCollection.Iterator) throws -> ASN1Node {
        guard let node = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "SignedData is truncated") }
        return node
    }
}

/// `TSTInfo` (RFC 3161 §2.4.2): version, policy, messageImprint, serialNumber, genTime, and optional
/// accuracy, ordering, nonce, tsa and extensions (checked for well-formedness, not used).
struct TSTInfo: DERParseable, Sendable {
    let imprintAlgorithm: ASN1ObjectIdentifier
    let imprint: [UInt8]
    let generationTime: GeneralizedTime

    init(derEncoded node: ASN1Node) throws {
        (imprintAlgorithm, imprint, generationTime) = try DER.sequence(node, identifier: .sequence) { nodes in
            guard try Int(derEncoded: &nodes) == 1 else { throw ASN1Error.invalidASN1Object(reason: "TSTInfo version is not 1") }
            _ = try ASN1ObjectIdentifier(derEncoded: &nodes)
            let (algorithm, imprint) = try DER.sequence(try Self.required(&nodes), identifier: .sequence) { inner in
                let algorithm = try CMSAlgorithm(derEncoded: &inner)
                let hashed = try ASN1OctetString(derEncoded: &inner)
                return (algorithm.oid, Array(hashed.bytes))
            }
            guard let serial = nodes.next(), serial.identifier == .integer else {
                throw ASN1Error.invalidASN1Object(reason: "TSTInfo without a serial number")
            }
            let time = try GeneralizedTime(derEncoded: &nodes)
            while nodes.next() != nil {}
            return (algorithm, imprint, time)
        }
    }

    private static func required(_ nodes: inout ASN1NodeCollection.Iterator) throws -> ASN1Node {
        guard let node = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "TSTInfo is truncated") }
        return node
    }
}
