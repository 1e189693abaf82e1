import ByteParsing
import C2PA
import Crypto
import Foundation
import X509

/// Builds signed C2PA JPEG and PNG files in memory, the way a C2PA writer does.
struct FixtureBuilder {
    var key: TestKey
    var chain: [Certificate]
    var digitalSourceType: String? = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    var label = "urn:c2pa:11111111-2222-3333-4444-555555555555"
    /// Largest box slice carried per APP11 segment.
    var segmentSize = 60_000
    /// Flip a byte of the signature after signing.
    var corruptSignature = false
    /// Change the actions assertion after its hash went into the claim.
    var corruptAssertion = false
    /// When set, the x5chain DER blobs used instead of `chain`.
    var rawChain: [[UInt8]]?
    /// Bind with `c2pa.hash.boxes` (JPEG only) instead of `c2pa.hash.data`.
    var useBoxHash = false
    /// A hard-binding assertion (label, box) used instead of the data or box hash (the BMFF fixtures set it).
    var bindingOverride: (label: String, box: [UInt8])?
    /// Make the signed manifest an edit (`c2pa.opened`) of a signed AI-generated parent manifest.
    var withAIParent = false
    /// When set, the COSE `alg` header value used instead of the key's own algorithm.
    var coseAlgorithm: Int?
    /// When set, produces the COSE signature instead of ``TestKey/sign(_:)``.
    var signOverride: ((_ toBeSigned: [UInt8]) throws -> [UInt8])?
    /// When set, makes a `sigTst2` time-stamp token from the imprint input (C2PA 2.2 §10.3.2.5).
    var timeStamp: ((_ imprintInput: [UInt8]) throws -> [UInt8])?
    /// When set, the JPEG carries this body instead of ``jpegBody`` after signing, and the manifest's
    /// assertion store gains an assertion the claim does not reference: a data hash over the new body.
    var smuggledBody: [UInt8]?
    /// When set with ``smuggledBody``, the label of the smuggled (unsigned) assertion.
    var smuggledLabel = "c2pa.hash.data__9"
    /// When set, the COSE_Sign1 embeds this payload and signs it instead of the claim bytes.
    var embeddedPayload: [UInt8]?
    /// Bytes of padding carried by an extra `test.padding` assertion (0: none).
    var paddingAssertionBytes = 0
    /// How many extra times the claim references its last assertion.
    var repeatedLastReference = 0
    /// How many extra small, distinct assertions the manifest carries.
    var fillerAssertions = 0
    /// With ``withAIParent``: the parent carries the hard binding and the active manifest is an
    /// update manifest (`c2um`) holding only the ingredient.
    var updateManifest = false
    /// With ``withAIParent``: the ingredient's `activeManifest` hash does not match the parent.
    var wrongIngredientHash = false
    /// Assertion URIs the signed claim lists in `redacted_assertions` (for ``withAIParent``: the parent's claim).
    var redactions: [String] = []
    /// Labels of assertions removed from the active manifest's assertion store after signing.
    var droppedAssertions: Set<String> = []
    /// With ``withAIParent``: the parent in turn names the active manifest as its ingredient (a cycle).
    var cyclicIngredient = false
    /// How many ingredient assertions point at the parent made when ``withAIParent`` is set.
    var ingredientCopies = 1
    /// Carry `x5chain` in the unprotected COSE header instead of the protected one (not signed).
    var chainInUnprotectedHeader = false
    /// With ``withAIParent``: the `c2pa.opened` action names the parent ingredient in its parameters.
    var openedNamesIngredient = true
    /// With ``withAIParent``: the v3 ingredient carries `validationResults`.
    var ingredientValidationResults = true
    /// The action of a manifest without a parent (`c2pa.created` unless a test wants a malformed first action).
    var firstAction = "c2pa.created"
    /// Write a claim v1 (`c2pa.claim`, `assertions`, `claim_generator`) instead of a claim v2.
    var claimV1 = false
    /// Leave the hard-binding assertion out of the manifest (`claim.hardBindings.missing`).
    var omitHardBinding = false
    /// Write the data hash with an exclusion that has no length (`assertion.dataHash.malformed`).
    var malformedDataHash = false
    /// Leave the claim box out of the active manifest (`claim.missing`).
    var omitClaim = false
    /// Store bytes that are not CBOR in the active manifest's claim box (`claim.cbor.invalid`).
    var corruptClaimCBOR = false
    /// Leave the claim signature box out of the active manifest (`claimSignature.missing`).
    var omitSignature = false
    /// With ``withAIParent``: leave the parent manifest out of the store (`ingredient.manifest.missing`).
    var omitParent = false
    /// When set, the `alg` written into the hashed URI of the manifest's first assertion (`algorithm.unsupported`).
    var assertionHashAlg: String?
    /// Carry a second, identical manifest store in another APP11 box instance (`claim.multiple`).
    var duplicateStore = false
    /// With ``updateManifest``: the relationship of the update manifest's ingredient.
    var updateRelationship = "parentOf"
    /// With ``updateManifest``: more assertions (label, box) the update manifest declares beside its ingredient.
    var updateExtraAssertions: [(String, [UInt8])] = []
    /// With ``withAIParent`` and ``paddingAssertionBytes``: the active manifest redacts the parent's
    /// `test.padding` assertion, which is cut out of the parent's assertion store after the ingredient
    /// was hashed; the ingredient carries the hash of the parent's claim signature
    /// (`ingredient.claimSignature.validated`).
    var redactParentPadding = false
    /// With ``redactParentPadding``: the ingredient's claim-signature hash is wrong (`ingredient.claimSignature.mismatch`).
    var wrongClaimSignatureHash = false

    // MARK: JUMBF

    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let length = UInt32(payload.count + 8)
        return [UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
            + Array(type.utf8) + payload
    }

    static func superbox(label: String, typeCode: String, children: [[UInt8]]) -> [UInt8] {
        let uuid = Array(typeCode.utf8) + [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
        let description = box("jumd", uuid + [0x03] + Array(label.utf8) + [0])
        return box("jumb", description + children.flatMap { $0 })
    }

    static func cborAssertion(label: String, _ value: CBORValue) -> [UInt8] {
        superbox(label: label, typeCode: "cbor", children: [box("cbor", CBOREncoder.encode(value))])
    }

    static func hashedURI(_ url: String, box: [UInt8], alg: String? = nil) -> CBORValue {
        .map([
            CBORMapEntry(key: .text("url"), value: .text(url)),
            CBORMapEntry(key: .text("hash"), value: .bytes(Array(SHA256.hash(data: box.dropFirst(8))))),
        ] + (alg.map { [CBORMapEntry(key: .text("alg"), value: .text($0))] } ?? []))
    }

    /// The child boxes of the superbox `box` (its description box first), as byte arrays.
    static func children(of box: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var position = 8
        while position + 8 <= box.count {
            let length = Int(box[position]) << 24 | Int(box[position + 1]) << 16 | Int(box[position + 2]) << 8 | Int(box[position + 3])
            guard length >= 8, position + length <= box.count else { break }
            result.append(Array(box[position..<(position + length)]))
            position += length
        }
        return result
    }

    /// The superbox `box` with the child box `removed` cut out of its assertion store (the child after
    /// its description box), every enclosing length rewritten: a redaction as a later writer makes it.
    static func cutting(_ removed: [UInt8], fromAssertionStoreOf box: [UInt8]) -> [UInt8] {
        var children = Self.children(of: box)
        guard children.count >= 2 else { return box }
        let store = children[1]
        let storeChildren = Self.children(of: store).filter { $0 != removed }
        children[1] = Self.box("jumb", storeChildren.flatMap { $0 })
        return Self.box("jumb", children.flatMap { $0 })
    }

    static func entry(_ key: String, _ value: CBORValue) -> CBORMapEntry { CBORMapEntry(key: .text(key), value: value) }

    // MARK: Store

    /// A manifest store whose data hash excludes `exclusion` and covers `assetHash`.
    /// A signed manifest superbox holding `assertions` (label, superbox bytes) in its assertion store.
    func signedManifest(label: String, assertions: [(String, [UInt8])], title: String, typeCode: String = "c2ma") throws -> [UInt8] {
        let claim = CBOREncoder.encode(.map([
            Self.entry("instanceID", .text("xmp:iid:\(label)")),
            claimV1
                ? Self.entry("claim_generator", .text("provenant-unit-tests/1.0"))
                : Self.entry("claim_generator_info", .map([Self.entry("name", .text("provenant-unit-tests"))])),
            Self.entry("signature", .text("self#jumbf=c2pa.signature")),
            Self.entry(claimV1 ? "assertions" : "created_assertions", .array(
                assertions.enumerated().map { index, assertion in
                    Self.hashedURI("self#jumbf=c2pa.assertions/\(assertion.0)", box: assertion.1, alg: index == 0 ? assertionHashAlg : nil)
                }
                    + Array(repeating: assertions.last.map { Self.hashedURI("self#jumbf=c2pa.assertions/\($0.0)", box: $0.1) } ?? .null,
                        count: repeatedLastReference))),
            Self.entry("dc:title", .text(title)),
            Self.entry("alg", .text("sha256")),
        ] + (redactions.isEmpty ? [] : [Self.entry("redacted_assertions", .array(redactions.map { .text($0) }))])))
        var stored = assertions.filter { !droppedAssertions.contains($0.0) }.map(\.1)
        if let smuggled = smuggledAssertion { stored.insert(smuggled, at: 0) }
        if corruptAssertion, let last = stored[0].indices.last { stored[0][last] ^= 0x01 }
        let chainValue = CBORValue.array(try (rawChain ?? chain.map { try $0.derBytes }).map { .bytes($0) })
        // Protected: label 33; unprotected: the "x5chain" spelling of C2PA 1.x writers.
        let chainEntry = chainInUnprotectedHeader
            ? CBORMapEntry(key: .text("x5chain"), value: chainValue) : CBORMapEntry(key: .integer(33), value: chainValue)
        let protected = CBOREncoder.encode(.map(
            [CBORMapEntry(key: .integer(1), value: .integer(coseAlgorithm ?? key.coseAlgorithm))] + (chainInUnprotectedHeader ? [] : [chainEntry])))
        let toBeSigned = CBOREncoder.encode(.array([.text("Signature1"), .bytes(protected), .bytes([]), .bytes(embeddedPayload ?? claim)]))
        var signature = try signOverride?(toBeSigned) ?? key.sign(toBeSigned)
        if corruptSignature { signature[0] ^= 0xFF }
        var unprotected: [CBORMapEntry] = chainInUnprotectedHeader ? [chainEntry] : []
        if let timeStamp {
            let imprintInput = CBOREncoder.encode(.array([
                .text("CounterSignature"), .bytes(protected), .bytes([]), .bytes(CBOREncoder.encode(.bytes(signature))),
            ]))
            let token = try timeStamp(imprintInput)
            unprotected.append(Self.entry("sigTst2", .map([Self.entry("tstTokens", .array([.map([Self.entry("val", .bytes(token))])]))])))
        }
        let cose = CBOREncoder.encode(.tagged(18, .array([
            .bytes(protected), .map(unprotected), embeddedPayload.map { CBORValue.bytes($0) } ?? .null, .bytes(signature),
        ])))
        var parts = [Self.superbox(label: "c2pa.assertions", typeCode: "c2as", children: stored)]
        if !omitClaim {
            parts.append(Self.superbox(label: claimV1 ? "c2pa.claim" : "c2pa.claim.v2", typeCode: "c2cl", children: [Self.box("cbor", corruptClaimCBOR ? [0xFF, 0xFF] : claim)]))
        }
        if !omitSignature { parts.append(Self.superbox(label: "c2pa.signature", typeCode: "c2cs", children: [Self.box("cbor", cose)])) }
        return Self.superbox(label: label, typeCode: typeCode, children: parts)
    }

    static func actionsAssertion(_ action: String, digitalSourceType: String?, parameters: CBORValue? = nil) -> [UInt8] {
        var entries: [CBORMapEntry] = [entry("action", .text(action))]
        if let digitalSourceType { entries.append(entry("digitalSourceType", .text(digitalSourceType))) }
        if let parameters { entries.append(entry("parameters", parameters)) }
        return cborAssertion(label: "c2pa.actions.v2", .map([entry("actions", .array([.map(entries)]))]))
    }

    /// The label of the parent manifest made when ``withAIParent`` is set.
    static let parentLabel = "urn:c2pa:00000000-0000-0000-0000-00000000aaaa"

    static func dataHashValue(exclusion: Range<Int>, assetHash: [UInt8], malformed: Bool = false) -> CBORValue {
        .map([
            Self.entry("exclusions", .array([.map([
                Self.entry("start", .integer(exclusion.lowerBound)),
                malformed ? Self.entry("size", .integer(exclusion.count)) : Self.entry("length", .integer(exclusion.count)),
            ])])),
            Self.entry("name", .text("jumbf manifest")),
            Self.entry("alg", .text("sha256")),
            Self.entry("hash", .bytes(assetHash)),
            Self.entry("pad", .bytes([])),
        ])
    }

    /// The unreferenced assertion placed by ``smuggledBody``, for a store at `exclusion`.
    var smuggledAssertion: [UInt8]? {
        guard let smuggledBody, let exclusion = currentExclusion else { return nil }
        if smuggledLabel.hasPrefix("c2pa.actions") {
            return Self.cborAssertion(label: smuggledLabel, .map([Self.entry("actions", .array([.map([
                Self.entry("action", .text("c2pa.created")),
                Self.entry("digitalSourceType", .text("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")),
            ])]))]))
        }
        return Self.cborAssertion(
            label: smuggledLabel, Self.dataHashValue(exclusion: exclusion, assetHash: Array(SHA256.hash(data: [0xFF, 0xD8] + smuggledBody))))
    }

    /// The exclusion of the store being built (set by ``store(exclusion:assetHash:)``).
    var currentExclusion: Range<Int>?

    /// A manifest store whose data hash excludes `exclusion` and covers `assetHash`.
    func store(exclusion: Range<Int>, assetHash: [UInt8]) throws -> [UInt8] {
        var this = self
        this.currentExclusion = exclusion
        return try this.buildStore(exclusion: exclusion, assetHash: assetHash)
    }

    private func buildStore(exclusion: Range<Int>, assetHash: [UInt8]) throws -> [UInt8] {
        let dataHash = bindingOverride?.box ?? (useBoxHash
            ? Self.boxHashAssertion()
            : Self.cborAssertion(
                label: "c2pa.hash.data", Self.dataHashValue(exclusion: exclusion, assetHash: assetHash, malformed: malformedDataHash)))
        let bindingLabel = bindingOverride?.label ?? (useBoxHash ? "c2pa.hash.boxes" : "c2pa.hash.data")
        guard withAIParent else {
            let actions = Self.actionsAssertion(firstAction, digitalSourceType: digitalSourceType)
            var assertions = [("c2pa.actions.v2", actions)] + (omitHardBinding ? [] : [(bindingLabel, dataHash)])
            for index in 0..<fillerAssertions {
                assertions.append(("test.filler__\(index)", Self.cborAssertion(label: "test.filler__\(index)", .integer(index))))
            }
            if paddingAssertionBytes > 0 {
                assertions.append(("test.padding", Self.cborAssertion(label: "test.padding", .bytes([UInt8](repeating: 0, count: paddingAssertionBytes)))))
            }
            let manifest = try signedManifest(label: label, assertions: assertions, title: "unit-test.jpg")
            return Self.superbox(label: "c2pa", typeCode: "c2pa", children: [manifest])
        }
        var parentBuilder = self
        parentBuilder.corruptAssertion = false
        parentBuilder.corruptSignature = false
        parentBuilder.omitClaim = false
        parentBuilder.corruptClaimCBOR = false
        parentBuilder.omitSignature = false
        parentBuilder.assertionHashAlg = nil
        if redactParentPadding { parentBuilder.redactions = [] }
        parentBuilder.repeatedLastReference = 0
        parentBuilder.droppedAssertions = []
        var parentAssertions = [("c2pa.actions.v2", Self.actionsAssertion(
            "c2pa.created", digitalSourceType: "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"))]
        if paddingAssertionBytes > 0 {
            parentAssertions.append(("test.padding", Self.cborAssertion(label: "test.padding", .bytes([UInt8](repeating: 0, count: paddingAssertionBytes)))))
        }
        if updateManifest { parentAssertions.append((bindingLabel, dataHash)) }
        if cyclicIngredient {
            parentAssertions.append(("c2pa.ingredient.v3", Self.cborAssertion(label: "c2pa.ingredient.v3", .map([
                Self.entry("dc:title", .text("child.jpg")),
                Self.entry("relationship", .text("parentOf")),
                Self.entry("activeManifest", .map([
                    Self.entry("url", .text("self#jumbf=/c2pa/\(label)")), Self.entry("hash", .bytes([UInt8](repeating: 0, count: 32))),
                ])),
            ]))))
        }
        let signedParent = try parentBuilder.signedManifest(label: Self.parentLabel, assertions: parentAssertions, title: "parent.jpg")
        let hashedParent = wrongIngredientHash ? signedParent.map { $0 ^ 0x01 } : signedParent
        var parent = signedParent
        var claimSignatureEntry: [CBORMapEntry] = []
        if redactParentPadding, let padding = parentAssertions.first(where: { $0.0 == "test.padding" })?.1,
            let signatureBox = Self.children(of: signedParent).last {
            parent = Self.cutting(padding, fromAssertionStoreOf: signedParent)
            let signatureHash = CBORValue.map([
                Self.entry("url", .text("self#jumbf=/c2pa/\(Self.parentLabel)/c2pa.signature")),
                Self.entry("hash", .bytes(Array(SHA256.hash(data: signatureBox.dropFirst(8))).map { wrongClaimSignatureHash ? $0 ^ 0x01 : $0 })),
            ])
            claimSignatureEntry = [Self.entry("claimSignature", signatureHash)]
        }
        // A v3 ingredient records what its user saw when taking it in (C2PA 2.2 §18.15.12.4).
        let recorded = CBORValue.map([Self.entry("activeManifest", .map([
            Self.entry("success", .array([])), Self.entry("informational", .array([])), Self.entry("failure", .array([])),
        ]))])
        let ingredientValue = CBORValue.map([
            Self.entry("dc:title", .text("parent.jpg")),
            Self.entry("dc:format", .text("image/jpeg")),
            Self.entry("instanceID", .text("xmp:iid:\(Self.parentLabel)")),
            Self.entry("relationship", .text(updateManifest ? updateRelationship : "parentOf")),
            Self.entry("activeManifest", Self.hashedURI("self#jumbf=/c2pa/\(Self.parentLabel)", box: hashedParent)),
        ] + claimSignatureEntry + (ingredientValidationResults ? [Self.entry("validationResults", recorded)] : []))
        let ingredient = Self.cborAssertion(label: "c2pa.ingredient.v3", ingredientValue)
        if updateManifest {
            let update = try signedManifest(
                label: label, assertions: [("c2pa.ingredient.v3", ingredient)] + updateExtraAssertions, title: "update.jpg", typeCode: "c2um")
            return Self.superbox(label: "c2pa", typeCode: "c2pa", children: (omitParent ? [] : [parent]) + [update])
        }
        var activeBuilder = self
        activeBuilder.redactions = redactParentPadding ? ["self#jumbf=/c2pa/\(Self.parentLabel)/c2pa.assertions/test.padding"] : []
        // The opened action names its parentOf ingredient (C2PA 2.2 §18.14.2), unless a test leaves it out.
        let openedParameters: CBORValue? = openedNamesIngredient
            ? .map([Self.entry("ingredients", .array([Self.hashedURI("self#jumbf=c2pa.assertions/c2pa.ingredient.v3", box: ingredient)]))])
            : nil
        let actions = Self.actionsAssertion("c2pa.opened", digitalSourceType: nil, parameters: openedParameters)
        var assertions = [("c2pa.actions.v2", actions), ("c2pa.ingredient.v3", ingredient)]
        for copy in 1..<max(1, ingredientCopies) {
            assertions.append(("c2pa.ingredient.v3__\(copy)", Self.cborAssertion(label: "c2pa.ingredient.v3__\(copy)", ingredientValue)))
        }
        assertions.append((bindingLabel, dataHash))
        let manifest = try activeBuilder.signedManifest(label: label, assertions: assertions, title: "edit.jpg")
        return Self.superbox(label: "c2pa", typeCode: "c2pa", children: (omitParent ? [] : [parent]) + [manifest])
    }

    /// A `c2pa.hash.boxes` assertion over SOI, the C2PA segments, the COM segment and EOI of ``jpeg()``.
    static func boxHashAssertion() -> [UInt8] {
        func entry(_ name: String, _ bytes: [UInt8]?) -> CBORValue {
            .map([
                Self.entry("names", .array([.text(name)])),
                Self.entry("alg", .text("sha256")),
                Self.entry("hash", .bytes(bytes.map { Array(SHA256.hash(data: $0)) } ?? [0])),
            ])
        }
        let comment = Array(jpegBody.dropLast(2))
        return cborAssertion(label: "c2pa.hash.boxes", .map([Self.entry("boxes", .array([
            entry("SOI", [0xFF, 0xD8]), entry("C2PA", nil), entry("COM", comment), entry("EOI", [0xFF, 0xD9]),
        ]))]))
    }

    // MARK: JPEG

    static let jpegBody: [UInt8] = [0xFF, 0xFE, 0x00, 0x0E] + Array("pixels here!".utf8) + [0xFF, 0xD9]

    /// APP11 segments carrying `store` (repeated superbox header in continuation segments).
    func app11Segments(_ store: [UInt8], instance: UInt8 = 0x11) -> [[UInt8]] {
        let header = Array(store.prefix(8))
        var segments: [[UInt8]] = []
        var position = 0
        var sequence: UInt32 = 1
        while position < store.count {
            let take = min(segmentSize, store.count - position)
            var payload: [UInt8] = [0x4A, 0x50, 0x02, instance]
            payload += [UInt8(sequence >> 24), UInt8((sequence >> 16) & 0xFF), UInt8((sequence >> 8) & 0xFF), UInt8(sequence & 0xFF)]
            if position > 0 { payload += header }
            payload += store[position..<(position + take)]
            let length = payload.count + 2
            segments.append([0xFF, 0xEB, UInt8(length >> 8), UInt8(length & 0xFF)] + payload)
            position += take
            sequence += 1
        }
        return segments
    }

    /// A signed JPEG: SOI, the C2PA APP11 segments, a COM "image" segment, EOI.
    func jpeg() throws -> [UInt8] {
        let prefix: [UInt8] = [0xFF, 0xD8]
        let assetHash = Array(SHA256.hash(data: prefix + Self.jpegBody))
        var length = 0
        var segments: [[UInt8]] = []
        for _ in 0..<6 {
            segments = app11Segments(try store(exclusion: prefix.count..<(prefix.count + length), assetHash: assetHash))
            let actual = segments.map(\.count).reduce(0, +)
            if actual == length { break }
            length = actual
        }
        let second = duplicateStore
            ? app11Segments(try store(exclusion: prefix.count..<(prefix.count + length), assetHash: assetHash), instance: 0x12) : []
        return prefix + segments.flatMap { $0 } + second.flatMap { $0 } + (smuggledBody ?? Self.jpegBody)
    }

    // MARK: PNG

    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let length = UInt32(data.count)
        let typeBytes = Array(type.utf8)
        let crc = CRC32.checksum(typeBytes + data)
        return [UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
            + typeBytes + data + [UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)]
    }

    static let pngHead: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        + pngChunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
    static let pngTail: [UInt8] = pngChunk("IDAT", [0x78, 0x9C, 0x63, 0xF8, 0x0F, 0x00, 0x01, 0x01, 0x01, 0x00]) + pngChunk("IEND", [])

    /// A signed PNG: signature, IHDR, caBX, IDAT, IEND.
    func png() throws -> [UInt8] {
        let assetHash = Array(SHA256.hash(data: Self.pngHead + Self.pngTail))
        var length = 0
        var chunk: [UInt8] = []
        for _ in 0..<6 {
            chunk = Self.pngChunk("caBX", try store(exclusion: Self.pngHead.count..<(Self.pngHead.count + length), assetHash: assetHash))
            if chunk.count == length { break }
            length = chunk.count
        }
        return Self.pngHead + chunk + Self.pngTail
    }
}
