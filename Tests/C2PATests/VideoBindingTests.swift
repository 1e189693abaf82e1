import C2PA
import Crypto
import Foundation
import Testing

/// Content Credentials in MP4 (`c2pa.hash.bmff.v3`: the file hash, Merkle trees over `mdat` blocks, and
/// fragmented MP4 with one Merkle leaf per fragment) and GIF (`C2PA_GIF` extension, data hash), built and
/// signed in code. The expected hashes are computed here from the box layout, independently of the verifier.
@Suite("C2PA in MP4 and GIF: BMFF v3 hashes, Merkle trees, GIF data hash")
struct VideoBindingTests {
    let builder: FixtureBuilder

    init() throws {
        let pki = try TestPKI()
        let key = TestKey.p256(P256.Signing.PrivateKey())
        builder = FixtureBuilder(key: key, chain: [try pki.leaf(for: key)])
    }

    static func sha256(_ parts: [UInt8]...) -> [UInt8] { Array(SHA256.hash(data: parts.flatMap { $0 })) }

    static let moov = FixtureBuilder.bmffBox("moov", FixtureBuilder.bmffBox("mvhd", [UInt8](repeating: 1, count: 24)))
    /// 100 payload bytes: the Merkle region (box bytes 16…107) is 92 bytes, 5 blocks of 20 (the last 12).
    static let mdat: [UInt8] = FixtureBuilder.bmffBox("mdat", (0..<100).map { (value: Int) -> UInt8 in UInt8(truncatingIfNeeded: value &* 7 &+ 3) })

    // MARK: MP4, file hash only

    /// ftyp, manifest, mdat, moov; v3 hash = offset‖mdat ‖ offset‖moov.
    func plainMP4() throws -> [UInt8] {
        try builder.signedBMFF(fileType: FixtureBuilder.mp4FileType, body: { _ in [Self.mdat, Self.moov] }) { boxes, offsets in
            let hash = Self.sha256(FixtureBuilder.be64(offsets[0]), boxes[0], FixtureBuilder.be64(offsets[1]), boxes[1])
            return FixtureBuilder.bmffV3Assertion(exclusions: FixtureBuilder.bmffExclusions(merkleMdat: false), hash: hash, merkle: nil)
        }
    }

    @Test("a signed MP4 verifies with the v3 hash; a changed mdat byte, moov byte or ftyp-free move breaks it")
    func plainHash() throws {
        let signed = try plainMP4()
        let result = C2PAVerifier().verify(signed)
        #expect(result.state == .valid, "\(result.failures) \(result.errorMessage ?? "")")
        #expect(result.successes.contains("assertion.bmffHash.match"))
        let moovStart = signed.count - Self.moov.count
        var mdatTampered = signed
        mdatTampered[moovStart - 10] ^= 0x01
        #expect(C2PAVerifier().verify(mdatTampered).failures.contains("assertion.bmffHash.mismatch"))
        var moovTampered = signed
        moovTampered[signed.count - 1] ^= 0x01
        #expect(C2PAVerifier().verify(moovTampered).failures.contains("assertion.bmffHash.mismatch"))
        // A box inserted before mdat moves it: the offsets are hashed.
        let moved = Array(signed[..<(moovStart - Self.mdat.count)]) + FixtureBuilder.bmffBox("free", []) + Array(signed[(moovStart - Self.mdat.count)...])
        #expect(C2PAVerifier().verify(moved).failures.contains("assertion.bmffHash.mismatch"))
    }

    // MARK: MP4, Merkle tree over mdat blocks

    /// The five 20-byte (last 12) blocks of the mdat region.
    static var leaves: [[UInt8]] {
        let region = Array(mdat[16...])
        return stride(from: 0, to: region.count, by: 20).map { sha256(Array(region[$0..<min($0 + 20, region.count)])) }
    }

    /// The tree over 5 leaves by hand: rows 5, 3, 2, 1; a node without a right sibling moves up unchanged.
    static func tree(_ l: [[UInt8]]) -> (root: [UInt8], proofs: [[[UInt8]]]) {
        let n01 = sha256(l[0], l[1]), n23 = sha256(l[2], l[3])
        let n0123 = sha256(n01, n23)
        let root = sha256(n0123, l[4])
        return (root, [[l[1], n23, l[4]], [l[0], n23, l[4]], [l[3], n01, l[4]], [l[2], n01, l[4]], [n0123]])
    }

    struct MerkleOptions {
        var storedRow: Int = 1
        var fixedBlockSize: Int? = 20
        var variableBlockSizes: [Int]?
        var count = 5
        var withProofBoxes = true
        var corruptProof = false
    }

    /// ftyp, manifest, mdat, moov, then one merkle box per block; v3 hash over mdat's first 16 bytes and moov,
    /// a Merkle tree over the rest of mdat.
    func merkleMP4(_ options: MerkleOptions = MerkleOptions()) throws -> [UInt8] {
        let leaves = Self.leaves
        let (root, proofs) = Self.tree(leaves)
        let stored: [[UInt8]] = options.storedRow == 1 ? [root] : leaves
        var body = [Self.mdat, Self.moov]
        if options.withProofBoxes {
            for location in 0..<5 {
                var proof = options.storedRow == 1 ? proofs[location] : []
                if options.corruptProof, location == 2 { proof[0][0] ^= 0x01 }
                body.append(FixtureBuilder.merkleBox(uniqueId: 7, localId: 0, location: location, proof: proof))
            }
        }
        return try builder.signedBMFF(fileType: FixtureBuilder.mp4FileType, body: { _ in body }) { boxes, offsets in
            let hash = Self.sha256(FixtureBuilder.be64(offsets[0]), Array(boxes[0][..<16]), FixtureBuilder.be64(offsets[1]), boxes[1])
            var map = [
                FixtureBuilder.entry("uniqueId", .integer(7)), FixtureBuilder.entry("localId", .integer(0)),
                FixtureBuilder.entry("count", .integer(options.count)), FixtureBuilder.entry("alg", .text("sha256")),
                FixtureBuilder.entry("hashes", .array(stored.map { .bytes($0) })),
            ]
            if let size = options.fixedBlockSize { map.append(FixtureBuilder.entry("fixedBlockSize", .integer(size))) }
            if let sizes = options.variableBlockSizes { map.append(FixtureBuilder.entry("variableBlockSizes", .array(sizes.map { .integer($0) }))) }
            return FixtureBuilder.bmffV3Assertion(exclusions: FixtureBuilder.bmffExclusions(merkleMdat: true), hash: hash, merkle: [.map(map)])
        }
    }

    @Test("Merkle tree over mdat blocks: the root row with proof boxes, the leaf row, variable block sizes")
    func merkleValid() throws {
        for options in [
            MerkleOptions(),
            MerkleOptions(withProofBoxes: false),
            MerkleOptions(storedRow: 5, withProofBoxes: false),
            MerkleOptions(fixedBlockSize: nil, variableBlockSizes: [20, 20, 20, 20, 12]),
        ] {
            let result = C2PAVerifier().verify(try merkleMP4(options))
            #expect(result.state == .valid, "\(options): \(result.failures) \(result.errorMessage ?? "")")
            #expect(result.successes.contains("assertion.bmffHash.match"))
        }
    }

    @Test("Merkle tree: a changed block, moov byte or proof is a mismatch; wrong block sizes are malformed")
    func merkleTampered() throws {
        let signed = try merkleMP4()
        let mdatStart = try #require(Self.find(Self.mdat, in: signed))
        for offset in [16, 16 + 45, Self.mdat.count - 1] {  // the first, third and last block
            var tampered = signed
            tampered[mdatStart + offset] ^= 0x01
            let result = C2PAVerifier().verify(tampered)
            #expect(result.state == .invalid)
            #expect(result.failures.contains("assertion.bmffHash.mismatch"), "block byte \(offset): \(result.failures)")
        }
        var header = signed
        header[mdatStart + 12] ^= 0x01  // inside the 16 bytes the file hash keeps
        #expect(C2PAVerifier().verify(header).failures.contains("assertion.bmffHash.mismatch"))
        var moov = signed
        moov[mdatStart + Self.mdat.count + 20] ^= 0x01
        #expect(C2PAVerifier().verify(moov).failures.contains("assertion.bmffHash.mismatch"))
        let badProof = C2PAVerifier().verify(try merkleMP4(MerkleOptions(corruptProof: true)))
        #expect(badProof.failures.contains("assertion.bmffHash.mismatch"))
        let wrongSum = C2PAVerifier().verify(try merkleMP4(MerkleOptions(fixedBlockSize: nil, variableBlockSizes: [20, 20, 20, 20, 11])))
        #expect(wrongSum.failures.contains("assertion.bmffHash.malformed"))
        let wrongCount = C2PAVerifier().verify(try merkleMP4(MerkleOptions(fixedBlockSize: 30)))
        #expect(wrongCount.failures.contains("assertion.bmffHash.malformed"))
        let both = C2PAVerifier().verify(try merkleMP4(MerkleOptions(variableBlockSizes: [20, 20, 20, 20, 12])))
        #expect(both.failures.contains("assertion.bmffHash.malformed"))
    }

    // MARK: Fragmented MP4

    static func fragment(_ index: Int) -> (moof: [UInt8], mdat: [UInt8]) {
        let header: [UInt8] = [0, 0, 0, 0, 0, 0, 0, UInt8(index + 1)]
        let moof = FixtureBuilder.bmffBox("moof", FixtureBuilder.bmffBox("mfhd", header))
        var payload: [UInt8] = []
        for position in 0..<(40 + 10 * index) { payload.append(UInt8(truncatingIfNeeded: position &* 13 &+ index)) }
        return (moof, FixtureBuilder.bmffBox("mdat", payload))
    }

    static let fragments: [(moof: [UInt8], mdat: [UInt8])] = [fragment(0), fragment(1), fragment(2)]

    /// ftyp, manifest, moov, then per fragment a merkle box, moof and mdat. Leaves hash offset‖moof‖offset‖mdat;
    /// the tree over 3 leaves (rows 3, 2, 1) stores its root; `initHash` covers offset‖moov.
    func fragmentedMP4(tamper: (inout [[UInt8]]) -> Void = { _ in }) throws -> [UInt8] {
        func leaves(_ boxes: [[UInt8]], _ offsets: [Int]) -> [[UInt8]] {
            (0..<3).map { index in
                let moof = 2 + 3 * index  // moov, then (merkle, moof, mdat) per fragment
                return Self.sha256(FixtureBuilder.be64(offsets[moof]), boxes[moof], FixtureBuilder.be64(offsets[moof + 1]), boxes[moof + 1])
            }
        }
        func layout(_ start: Int, proofs: [[[UInt8]]]) -> [[UInt8]] {
            var boxes = [Self.moov]
            for (index, fragment) in Self.fragments.enumerated() {
                boxes += [FixtureBuilder.merkleBox(uniqueId: 1, localId: 1, location: index, proof: proofs[index]), fragment.moof, fragment.mdat]
            }
            return boxes
        }
        func offsets(_ start: Int, _ boxes: [[UInt8]]) -> [Int] {
            var result: [Int] = []
            var position = start
            for box in boxes {
                result.append(position)
                position += box.count
            }
            return result
        }
        let zero = [UInt8](repeating: 0, count: 32)
        let placeholder: [[[UInt8]]] = [[zero, zero], [zero, zero], [zero]]
        return try builder.signedBMFF(fileType: FixtureBuilder.mp4FileType, body: { start in
            let sized = layout(start, proofs: placeholder)
            let l = leaves(sized, offsets(start, sized))
            var boxes = layout(start, proofs: [[l[1], l[2]], [l[0], l[2]], [Self.sha256(l[0], l[1])]])
            tamper(&boxes)
            return boxes
        }) { boxes, offsets in
            let l = leaves(boxes, offsets)
            let root = Self.sha256(Self.sha256(l[0], l[1]), l[2])
            let initHash = Self.sha256(FixtureBuilder.be64(offsets[0]), boxes[0])
            let map = CBORValue.map([
                FixtureBuilder.entry("uniqueId", .integer(1)), FixtureBuilder.entry("localId", .integer(1)),
                FixtureBuilder.entry("count", .integer(3)), FixtureBuilder.entry("alg", .text("sha256")),
                FixtureBuilder.entry("initHash", .bytes(initHash)), FixtureBuilder.entry("hashes", .array([.bytes(root)])),
            ])
            return FixtureBuilder.bmffV3Assertion(exclusions: FixtureBuilder.bmffExclusions(merkleMdat: false), hash: nil, merkle: [map])
        }
    }

    @Test("fragmented MP4: every fragment proves its leaf; a changed fragment, moov or missing merkle box fails")
    func fragmented() throws {
        let signed = try fragmentedMP4()
        let result = C2PAVerifier().verify(signed)
        #expect(result.state == .valid, "\(result.failures) \(result.errorMessage ?? "")")
        #expect(result.successes.contains("assertion.bmffHash.match"))
        for fragment in Self.fragments {
            var tampered = signed
            let start = try #require(Self.find(fragment.mdat, in: signed))
            tampered[start + fragment.mdat.count - 5] ^= 0x01
            #expect(C2PAVerifier().verify(tampered).failures.contains("assertion.bmffHash.mismatch"))
        }
        var moov = signed
        let moovStart = try #require(Self.find(Self.moov, in: signed))
        moov[moovStart + 20] ^= 0x01
        #expect(C2PAVerifier().verify(moov).failures.contains("assertion.bmffHash.mismatch"))
        // The second fragment's merkle box replaced by a free box of the same size: nothing names that leaf.
        let noProof = try fragmentedMP4 { boxes in
            boxes[4] = FixtureBuilder.bmffBox("free", [UInt8](repeating: 0, count: boxes[4].count - 8))
        }
        #expect(C2PAVerifier().verify(noProof).failures.contains("assertion.bmffHash.malformed"))
        // Two merkle boxes swapped: the fragments no longer come in leaf order.
        let swapped = try fragmentedMP4 { boxes in boxes.swapAt(1, 4) }
        #expect(C2PAVerifier().verify(swapped).failures.contains("assertion.bmffHash.mismatch"))
    }

    // MARK: GIF

    @Test("a signed GIF verifies with the data hash over everything but the C2PA_GIF extension; a changed LZW byte breaks it")
    func gif() throws {
        let signed = try builder.gif()
        let result = C2PAVerifier().verify(signed)
        #expect(result.state == .valid, "\(result.failures) \(result.errorMessage ?? "")")
        #expect(result.successes.contains("assertion.dataHash.match"))
        var tampered = signed
        tampered[signed.count - 4] ^= 0x01  // an LZW data byte of the image
        let broken = C2PAVerifier().verify(tampered)
        #expect(broken.state == .invalid)
        #expect(broken.failures.contains("assertion.dataHash.mismatch"))
        // Without the extension the file holds no Content Credentials.
        let stripped = Array("GIF89a".utf8) + FixtureBuilder.gifScreen + FixtureBuilder.gifImage + [0x3B]
        #expect(C2PAVerifier().verify(stripped).state == .absent)
    }

    // MARK: The committed samples (signed by c2pa-rs through scripts/c2pa/make_video_sample.py)

    static let samples = ["video_signed.mp4", "video_merkle.mp4", "video_merkle_row.mp4"]

    static func sampleRoot() throws -> URL { try #require(ConformanceTests.packageRoot).appendingPathComponent("Samples/c2pa") }

    @Test("the committed MP4 samples verify: valid without anchors, trusted with the sample PKI, AI declared", arguments: samples)
    func committedSample(name: String) throws {
        let root = try Self.sampleRoot()
        let path = root.appendingPathComponent(name).path
        let plain = C2PAVerifier().verify(contentsOf: path)
        #expect(plain.state == .valid, "\(name): \(plain.failures) \(plain.errorMessage ?? "")")
        #expect(plain.failures == ["signingCredential.untrusted"])
        #expect(plain.successes.contains("assertion.bmffHash.match"))
        #expect(plain.digitalSourceType == "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")
        let settings = try TrustSettings.load(
            trustAnchorsPEM: try String(contentsOf: root.appendingPathComponent("pki/trust_anchors.pem"), encoding: .utf8),
            allowedSignersPEM: nil,
            trustConfig: try String(contentsOf: root.appendingPathComponent("pki/trust_config.cfg"), encoding: .utf8))
        #expect(C2PAVerifier(trust: settings).verify(contentsOf: path).state == .trusted)
    }

    /// (type, range) of the top-level boxes (32-bit sizes, as in the samples).
    static func topLevelBoxes(_ bytes: [UInt8]) -> [(type: String, range: Range<Int>)] {
        var boxes: [(type: String, range: Range<Int>)] = []
        var position = 0
        while position + 8 <= bytes.count {
            let size = bytes[position..<(position + 4)].reduce(0) { $0 << 8 | Int($1) }
            guard size >= 8, position + size <= bytes.count else { break }
            boxes.append((String(decoding: bytes[(position + 4)..<(position + 8)], as: UTF8.self), position..<(position + size)))
            position += size
        }
        return boxes
    }

    @Test("one changed byte in an mdat block, the mdat header, the moov or a Merkle proof is a BMFF hash mismatch, as in the reference",
        arguments: samples)
    func committedSampleTampered(name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.sampleRoot().appendingPathComponent(name)))
        let boxes = Self.topLevelBoxes(bytes)
        let mdat = try #require(boxes.first { $0.type == "mdat" }?.range)
        let moov = try #require(boxes.first { $0.type == "moov" }?.range)
        // The same places scripts/c2pa/make_video_sample.py checks against the reference.
        var offsets = ["mdat block": mdat.lowerBound + 16 + (mdat.count - 16) / 2, "mdat header": mdat.lowerBound + 12,
                       "moov": moov.lowerBound + moov.count / 2]
        let merkle = boxes.filter { $0.type == "uuid" && bytes[($0.range.lowerBound + 28)..<($0.range.lowerBound + 35)].elementsEqual(Array("merkle\u{0}".utf8)) }
        if let first = merkle.first { offsets["proof hash"] = first.range.upperBound - 10 }
        #expect(merkle.isEmpty == (name == "video_signed.mp4"))
        for (what, offset) in offsets {
            var tampered = bytes
            tampered[offset] ^= 0x01
            let result = C2PAVerifier().verify(tampered)
            #expect(result.state == .invalid, "\(name), \(what)")
            #expect(Set(result.failures) == ["signingCredential.untrusted", "assertion.bmffHash.mismatch"], "\(name), \(what)")
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
