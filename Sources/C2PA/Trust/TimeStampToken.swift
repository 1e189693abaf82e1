import Foundation
import SwiftASN1

/// The parts of an RFC 3161 time-stamp token (CMS SignedData over a TSTInfo) that C2PA validation uses.
public struct TimeStampToken: Sendable, Hashable {
    /// The time the TSA asserts (TSTInfo.genTime).
    public let generationTime: Date
    /// The message imprint hash.
    public let imprint: [UInt8]
    /// The imprint's hash algorithm OID (dotted).
    public let imprintAlgorithm: String

    /// Parses a DER TimeStampToken; nil when it is not one.
    public init?(der: [UInt8]) {
        guard let root = try? DER.parse(der), var contentInfo = Self.children(root), contentInfo.count >= 2 else { return nil }
        // A TimeStampResp { status, timeStampToken } wraps the ContentInfo.
        if contentInfo[0].identifier == .sequence, let inner = Self.children(contentInfo[1]) {
            contentInfo = inner
        }
        guard contentInfo.count >= 2,
            let explicit = Self.children(contentInfo[1]), let signedDataNode = explicit.first,
            let signedData = Self.children(signedDataNode), signedData.count >= 3,
            let encapsulated = Self.children(signedData[2]), encapsulated.count >= 2,
            let wrapped = Self.children(encapsulated[1]), let octets = wrapped.first,
            case .primitive(let tstBytes) = octets.content,
            let tstInfoNode = try? DER.parse(tstBytes),
            let tstInfo = Self.children(tstInfoNode), tstInfo.count >= 5,
            let imprintParts = Self.children(tstInfo[2]), imprintParts.count == 2,
            let algorithmParts = Self.children(imprintParts[0]), let algorithmNode = algorithmParts.first,
            let algorithm = try? ASN1ObjectIdentifier(derEncoded: algorithmNode),
            case .primitive(let imprint) = imprintParts[1].content,
            let time = try? GeneralizedTime(derEncoded: tstInfo[4])
        else { return nil }
        var components = DateComponents()
        components.year = time.year
        components.month = time.month
        components.day = time.day
        components.hour = time.hours
        components.minute = time.minutes
        components.second = time.seconds
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let date = calendar.date(from: components) else { return nil }
        self.generationTime = date
        self.imprint = Array(imprint)
        self.imprintAlgorithm = algorithm.description
    }

    private static func children(_ node: ASN1Node) -> [ASN1Node]? {
        guard case .constructed(let collection) = node.content else { return nil }
        return Array(collection)
    }
}
