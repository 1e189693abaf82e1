import C2PA
import ImageContainers
import ProvenantTestSupport
import Testing

/// Regressions found by the differential check against the reference (`scripts/c2pa/differential.py`,
/// docs/fuzzing.md): mutants of the committed samples that Provenant accepted or called absent while
/// c2pa-rs refused them. Each mutant is made here from `Samples/c2pa`.
@Suite("Differential-check regressions on the committed samples")
struct DifferentialRegressionTests {
    /// A committed sample with its one APP11 segment and the parsed store it carries.
    struct Sample {
        let bytes: [UInt8]
        let store: ManifestStore
        /// The file offset of store byte 0 (APP11 marker and length, then `JP`, instance, sequence).
        let storeOffset: Int

        init(_ name: String) throws {
            bytes = try SampleFiles.bytes("c2pa/\(name)")
            let embedded = try #require(try StoreLocator.locate(bytes).stores.first)
            let carriers = embedded.carrierRanges
            try #require(carriers.count == 1, "the mutations below assume a store in one APP11 segment")
            store = try ManifestStore(bytes: embedded.bytes)
            storeOffset = carriers[0].lowerBound + 4 + 8
            #expect(Array(bytes[storeOffset..<(storeOffset + embedded.bytes.count)]) == embedded.bytes)
        }

        /// The file offset of the description box (`jumd`) payload of `box`: its 16-byte type UUID.
        func uuidOffset(of box: JUMBFBox) -> Int { storeOffset + box.payloadRange.lowerBound + 8 }

        /// The sample with the byte at `offset` XOR 1 (the flip the differential script makes).
        func flipped(at offset: Int) -> [UInt8] {
            var copy = bytes
            copy[offset] ^= 0x01
            return copy
        }
    }

    @Test("the C2PA type UUIDs are classified on all sixteen bytes")
    func contentTypes() throws {
        let manifest = JUMBFContentType.manifest
        #expect(manifest.code == "c2ma")
        #expect(manifest.description == "63326d61-0011-0010-8000-00aa00389b71")
        #expect(manifest.isManifest && JUMBFContentType.updateManifest.isManifest && !JUMBFContentType.claim.isManifest)
        for position in 4..<16 {
            var uuid = manifest.uuid
            uuid[position] ^= 0x01
            let damaged = try #require(JUMBFContentType(uuid: uuid))
            #expect(damaged.code == nil, "byte \(position)")
            #expect(damaged != manifest)
        }
        #expect(JUMBFContentType(uuid: manifest.uuid.prefix(15)) == nil)
    }

    /// One byte of the type UUID's fixed suffix changed in each C2PA superbox of a one-manifest sample:
    /// the old code compared four bytes and said `valid`; c2pa-rs says "c2pa block not found", "claim
    /// superbox not found", `claimSignature.missing` or cannot read the store.
    @Test("a C2PA superbox whose type UUID ends wrongly is not accepted", arguments: ["c2pa", "c2ma", "c2as", "c2cl", "c2cs"])
    func damagedTypeUUID(code: String) throws {
        let sample = try Sample("a_camera_es256.jpg")
        let manifest = try #require(sample.store.activeManifest)
        let boxes: [String: JUMBFBox?] = [
            "c2pa": sample.store.root, "c2ma": manifest.box, "c2as": manifest.assertionStore, "c2cl": manifest.claimBox,
            "c2cs": manifest.signatureBox,
        ]
        let box = try #require(boxes[code] ?? nil)
        #expect(box.contentType == code)
        let uuid = sample.uuidOffset(of: box)
        #expect(Array(sample.bytes[uuid..<(uuid + 4)]) == Array(code.utf8))
        let result = C2PAVerifier().verify(sample.flipped(at: uuid + 11))
        switch code {
        case "c2pa":
            #expect(result.state == .error)
            #expect(result.errorCode == "jumbf")
            #expect(result.errorMessage?.contains("not a C2PA manifest store") == true)
        case "c2ma":
            // The store's only child superbox is no manifest: the reference skips it too.
            #expect(result.state == .error)
            #expect(result.errorCode == "no_manifest")
        case "c2as":
            #expect(result.state == .invalid)
            #expect(result.failures.contains("claim.hardBindings.missing"))
        case "c2cl":
            #expect(result.state == .invalid)
            #expect(result.failures == ["claim.missing"])
        default:
            #expect(result.state == .invalid)
            #expect(result.failures.contains("claimSignature.missing"))
        }
        // The untouched sample is valid: only the flipped byte makes the difference.
        #expect(C2PAVerifier().verify(sample.bytes).state == .valid)
    }

    /// The toggle byte of the assertion store's or the signature's description box with its "requestable"
    /// bit cleared (the middle byte of those `jumd` boxes, where the differential script flips one): the old
    /// code still said `valid`; c2pa-rs cannot read such a store ("unexpected end of file").
    @Test("a superbox that is not requestable and labelled makes the store unreadable", arguments: ["c2as", "c2cs"])
    func notRequestable(code: String) throws {
        let sample = try Sample("a_camera_es256.jpg")
        let manifest = try #require(sample.store.activeManifest)
        let box = try #require(code == "c2as" ? manifest.assertionStore : manifest.signatureBox)
        let toggles = sample.uuidOffset(of: box) + 16
        #expect(sample.bytes[toggles] == 0x03)
        let result = C2PAVerifier().verify(sample.flipped(at: toggles))
        #expect(result.state == .error)
        #expect(result.errorCode == "jumbf")
        #expect(result.errorMessage?.contains("is not requestable and labelled") == true, "\(result.errorMessage ?? "")")
    }

    /// A claim v1 names its signature by an absolute URI with the manifest label. With one character of
    /// the manifest's label changed the URI resolves to nothing; the old code took the manifest's own
    /// signature box anyway and said `valid`.
    @Test("a claim v1 whose signature URI does not resolve reports claimSignature.missing")
    func claimV1SignatureURI() throws {
        let sample = try Sample("a_camera_claimv1_es256.jpg")
        let manifest = try #require(sample.store.activeManifest)
        let claim = try #require(manifest.claim)
        #expect(claim.version == 1)
        #expect(claim.signature == "self#jumbf=/c2pa/\(manifest.label)/c2pa.signature")
        // The label follows the UUID (16 bytes) and the toggle byte.
        let label = sample.uuidOffset(of: manifest.box) + 16 + 1
        #expect(Array(sample.bytes[label..<(label + manifest.label.utf8.count)]) == Array(manifest.label.utf8))
        let result = C2PAVerifier().verify(sample.flipped(at: label + 1))
        #expect(result.state == .invalid)
        #expect(result.failures.contains("claimSignature.missing"))
        #expect(!result.successes.contains("claimSignature.validated"))
        let untouched = C2PAVerifier().verify(sample.bytes)
        #expect(untouched.state == .valid)
        #expect(untouched.successes.contains("claimSignature.validated"))
    }

    /// The outer box type (`jumb`) or its description box type (`jumd`) changed in the APP11 carrier: the
    /// carrier is there, so the answer is a broken store (as c2pa-rs: "invalid JUMBF header", "expected
    /// JUMD"), not `absent`.
    @Test("an APP11 carrier without a JUMBF superbox is an error, not absent", arguments: [5, 8 + 5])
    func carrierWithoutSuperbox(typeByte: Int) throws {
        let sample = try Sample("a_camera_es256.jpg")
        let result = C2PAVerifier().verify(sample.flipped(at: sample.storeOffset + typeByte))
        #expect(result.state == .error)
        #expect(result.errorCode == "jumbf")
        let expected = typeByte == 5 ? "the carrier holds no JUMBF superbox" : "does not start with a description box"
        #expect(result.errorMessage?.contains(expected) == true, "\(result.errorMessage ?? "")")
        #expect(try ContainerParser.parse(sample.flipped(at: sample.storeOffset + typeByte)).metadata.hasC2PA)
    }
}
