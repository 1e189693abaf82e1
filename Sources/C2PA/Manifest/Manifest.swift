import Foundation
import ByteParsing
import ImageContainers

/// One manifest of a store (C2PA 2.2 §11.1.4).
public struct Manifest: Sendable, Hashable {
    /// The manifest label (`urn:c2pa:…` / `urn:uuid:…`).
    public let label: String
    /// The manifest superbox.
    public let box: JUMBFBox
    /// The type code of the manifest superbox (`c2ma`, `c2um`, …).
    public let kind: String?
    /// The claim superbox, if present.
    public let claimBox: JUMBFBox?
    /// The range of the claim's CBOR bytes (the detached COSE payload).
    public let claimRange: Range<Int>?
    /// The decoded claim, if it could be decoded.
    public let claim: Claim?
    /// A problem decoding the claim, if any.
    public let claimError: ParseError?
    /// The signature superbox (label `c2pa.signature`, type `c2cs`), if present. The validator uses it only
    /// when the claim's `signature` URI resolves to it.
    public let signatureBox: JUMBFBox?
    /// The assertion store superbox, if present.
    public let assertionStore: JUMBFBox?
    /// The assertion superboxes in store order.
    public let assertions: [AssertionBox]

    /// Whether this is an update manifest.
    public var isUpdateManifest: Bool { kind == "c2um" }

    /// Builds the manifest view of a manifest superbox.
    init(box: JUMBFBox, bytes: [UInt8], decoder: CBORDecoder) {
        self.box = box
        self.label = box.label ?? ""
        self.kind = box.contentType
        // The parts are found by label and by the full type UUID, as the reference finds them (a box with
        // the right label and a damaged UUID is missing, not accepted).
        let claimBox = box.child(labelled: "c2pa.claim.v2", ofType: .claim) ?? box.child(labelled: "c2pa.claim", ofType: .claim)
        self.claimBox = claimBox
        var claimRange: Range<Int>?
        var claim: Claim?
        var claimError: ParseError?
        if let claimBox, let content = claimBox.content(ofType: "cbor") {
            claimRange = content.payloadRange
            do {
                let value = try decoder.decode(bytes, range: content.payloadRange)
                claim = Claim(value: value, version: claimBox.label == "c2pa.claim.v2" ? 2 : 1)
            } catch {
                claimError = error
            }
        }
        self.claimRange = claimRange
        self.claim = claim
        self.claimError = claimError
        self.signatureBox = box.child(labelled: "c2pa.signature", ofType: .claimSignature)
        let store = box.child(labelled: "c2pa.assertions", ofType: .assertionStore)
        self.assertionStore = store
        self.assertions = (store?.children ?? []).compactMap { child in
            guard child.isSuperbox, let label = child.label else { return nil }
            return AssertionBox(label: label, box: child)
        }
    }

    /// The assertion with exactly this label.
    public func assertion(labelled label: String) -> AssertionBox? {
        assertions.first { $0.label == label }
    }
}
