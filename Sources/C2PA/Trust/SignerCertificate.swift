import Crypto
import _CryptoExtras
import SwiftASN1
import X509

/// An X.509 certificate with the raw parts needed to check signatures ourselves.
///
/// swift-certificates does not accept RSASSA-PSS subject public keys (OID 1.2.840.113549.1.1.10),
/// which C2PA signers commonly use; such certificates are parsed from a copy whose key algorithm
/// is rewritten to rsaEncryption (the key bits are identical), while signatures are checked over
/// the original TBS bytes.
struct SignerCertificate: Sendable {
    /// The DER as found.
    let der: [UInt8]
    /// The parsed certificate (names, validity, extensions, key).
    let certificate: Certificate
    /// The original `tbsCertificate` bytes.
    let tbs: [UInt8]
    /// The signature algorithm OID of the certificate signature (dotted).
    let signatureOID: String
    /// For RSASSA-PSS signatures: the hash named in the parameters.
    let pssHash: HashAlgorithm?
    /// The certificate signature bytes.
    let signatureBytes: [UInt8]
    /// The subject public key.
    let key: VerificationKey
    /// Whether the TBS carries `issuerUniqueID` [1] or `subjectUniqueID` [2] (RFC 5280 §4.1.2.8),
    /// which the C2PA profile forbids.
    let hasUniqueIdentifiers: Bool

    init?(der: [UInt8]) {
        guard let root = try? DER.parse(der), case .constructed(let parts) = root.content else { return nil }
        let nodes = Array(parts)
        guard nodes.count == 3, case .constructed(let algorithmParts) = nodes[1].content,
            case .primitive(let bitString) = nodes[2].content, let unused = bitString.first, unused == 0
        else { return nil }
        let algorithm = Array(algorithmParts)
        guard let oidNode = algorithm.first, let oid = try? ASN1ObjectIdentifier(derEncoded: oidNode) else { return nil }
        self.der = der
        self.tbs = Array(nodes[0].encodedBytes)
        if case .constructed(let tbsFields) = nodes[0].content {
            hasUniqueIdentifiers = tbsFields.contains { field in
                field.identifier.tagClass == .contextSpecific && (field.identifier.tagNumber == 1 || field.identifier.tagNumber == 2)
            }
        } else {
            hasUniqueIdentifiers = false
        }
        self.signatureOID = oid.description
        self.signatureBytes = Array(bitString.dropFirst())
        self.pssHash = oid == .AlgorithmIdentifier.rsaPSS && algorithm.count > 1 ? Self.pssHash(algorithm[1]) : nil
        let parsed: Certificate
        if let direct = try? Certificate(derEncoded: der) {
            parsed = direct
        } else if let patched = Self.patchPSSKey(der: der, tbsNode: nodes[0], algorithmNode: nodes[1], signatureNode: nodes[2]),
            let certificate = try? Certificate(derEncoded: patched) {
            parsed = certificate
        } else {
            return nil
        }
        guard let key = VerificationKey(parsed.publicKey) else { return nil }
        self.certificate = parsed
        self.key = key
    }

    /// Whether `issuerKey` verifies this certificate's signature.
    func isSigned(by issuerKey: VerificationKey) -> Bool {
        SignatureCheck.verify(signatureBytes, message: tbs, signatureOID: signatureOID, digest: pssHash, key: issuerKey)
    }

    /// The hash of RSASSA-PSS-params (`[0] hashAlgorithm`), SHA-1 (unsupported) when absent.
    static func pssHash(_ parameters: ASN1Node) -> HashAlgorithm? {
        guard case .constructed(let fields) = parameters.content else { return nil }
        for field in fields where field.identifier.tagClass == .contextSpecific && field.identifier.tagNumber == 0 {
            guard case .constructed(let inner) = field.content, let sequence = Array(inner).first,
                case .constructed(let algorithmParts) = sequence.content, let oidNode = Array(algorithmParts).first,
                let oid = try? ASN1ObjectIdentifier(derEncoded: oidNode)
            else { return nil }
            switch oid.description {
            case "2.16.840.1.101.3.4.2.1": return .sha256
            case "2.16.840.1.101.3.4.2.2": return .sha384
            case "2.16.840.1.101.3.4.2.3": return .sha512
            default: return nil
            }
        }
        return nil
    }

    /// Re-encodes the certificate with RSASSA-PSS algorithm identifiers replaced by their PKCS #1 v1.5
    /// counterparts (key: rsaEncryption; signature: sha256WithRSAEncryption), which swift-certificates parses.
    private static func patchPSSKey(der: [UInt8], tbsNode: ASN1Node, algorithmNode: ASN1Node, signatureNode: ASN1Node) -> [UInt8]? {
        guard case .constructed(let tbsParts) = tbsNode.content else { return nil }
        let fields = Array(tbsParts)
        let hasVersion = fields.first?.identifier.tagClass == .contextSpecific
        let signatureIndex = hasVersion ? 2 : 1
        let keyIndex = hasVersion ? 6 : 5
        guard fields.count > keyIndex, case .constructed(let keyParts) = fields[keyIndex].content else { return nil }
        let keyFields = Array(keyParts)
        guard keyFields.count == 2 else { return nil }
        // AlgorithmIdentifier { rsaEncryption, NULL } and { sha256WithRSAEncryption, NULL }
        let rsaAlgorithm: [UInt8] = [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00]
        let rsaSignature: [UInt8] = [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B, 0x05, 0x00]
        var changed = false
        func patched(_ node: ASN1Node, with replacement: [UInt8]) -> [UInt8] {
            guard case .constructed(let parts) = node.content, let oidNode = Array(parts).first,
                let oid = try? ASN1ObjectIdentifier(derEncoded: oidNode), oid == .AlgorithmIdentifier.rsaPSS
            else { return Array(node.encodedBytes) }
            changed = true
            return replacement
        }
        let newKey = encodeSequence(patched(keyFields[0], with: rsaAlgorithm) + Array(keyFields[1].encodedBytes))
        var tbsContent: [UInt8] = []
        for (index, field) in fields.enumerated() {
            switch index {
            case keyIndex: tbsContent += newKey
            case signatureIndex: tbsContent += patched(field, with: rsaSignature)
            default: tbsContent += Array(field.encodedBytes)
            }
        }
        let outerAlgorithm = patched(algorithmNode, with: rsaSignature)
        guard changed else { return nil }
        return encodeSequence(encodeSequence(tbsContent) + outerAlgorithm + Array(signatureNode.encodedBytes))
    }

    private static func encodeSequence(_ content: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x30]
        let length = content.count
        if length < 0x80 {
            output.append(UInt8(length))
        } else {
            var lengthBytes: [UInt8] = []
            var remaining = length
            while remaining > 0 {
                lengthBytes.insert(UInt8(remaining & 0xFF), at: 0)
                remaining >>= 8
            }
            output.append(0x80 | UInt8(lengthBytes.count))
            output += lengthBytes
        }
        return output + content
    }
}
