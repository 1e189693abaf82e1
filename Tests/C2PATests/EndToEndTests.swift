import SwiftASN1
import _CryptoExtras
import C2PA
import ImageContainers
import Crypto
import Foundation
import Testing
import X509

/// Signs fixtures in memory with a throw-away PKI and verifies them end to end.
@Suite("Verification of fixtures signed in the test")
struct EndToEndTests {
    let pki: TestPKI
    let key: TestKey
    let builder: FixtureBuilder

    init() throws {
        pki = try TestPKI()
        key = .p256(P256.Signing.PrivateKey())
        builder = FixtureBuilder(key: key, chain: [try pki.leaf(for: key)])
    }

    @Test("a good JPEG is valid without anchors, with the declared AI source type")
    func validJPEG() throws {
        let result = C2PAVerifier().verify(try builder.jpeg())
        #expect(result.state == .valid)
        #expect(result.failures == ["signingCredential.untrusted"])
        #expect(Set(result.successes).isSuperset(of: [
            "claimSignature.validated", "claimSignature.insideValidity", "assertion.hashedURI.match", "assertion.dataHash.match",
        ]))
        #expect(result.digitalSourceType == "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")
        #expect(result.declaresAI)
        #expect(result.aiInHistory)
        #expect(result.manifestCount == 1)
        #expect(result.signer == "Provenant unit test signer")
        #expect(result.claimGenerator == "provenant-unit-tests")
    }

    @Test("the same JPEG is trusted with the test root as anchor, and with the signer allowed directly")
    func trustedJPEG() throws {
        let bytes = try builder.jpeg()
        let anchored = try TrustSettings.load(trustAnchorsPEM: try pki.rootPEM, allowedSignersPEM: nil, trustConfig: nil)
        let result = C2PAVerifier(trust: anchored).verify(bytes)
        #expect(result.state == .trusted)
        #expect(result.failures.isEmpty)
        #expect(result.successes.contains("signingCredential.trusted"))
        let leafPEM = try builder.chain[0].serializeAsPEM().pemString
        let allowed = try TrustSettings.load(trustAnchorsPEM: nil, allowedSignersPEM: leafPEM, trustConfig: nil)
        #expect(C2PAVerifier(trust: allowed).verify(bytes).state == .trusted)
    }

    @Test("a store split over many APP11 segments is reassembled")
    func multiSegmentJPEG() throws {
        var split = builder
        split.segmentSize = 97
        let bytes = try split.jpeg()
        let location = try StoreLocator.locate(bytes)
        #expect(location.stores.count == 1)
        #expect((location.stores.first?.carrierRanges.count ?? 0) > 10)
        #expect(C2PAVerifier().verify(bytes).state == .valid)
    }

    @Test("a PNG with a caBX chunk is valid")
    func validPNG() throws {
        let result = C2PAVerifier().verify(try builder.png())
        #expect(result.state == .valid)
        #expect(result.failures == ["signingCredential.untrusted"])
        #expect(result.successes.contains("assertion.dataHash.match"))
    }

    @Test("changing one image byte breaks the data hash")
    func tamperedPixels() throws {
        var bytes = try builder.jpeg()
        bytes[bytes.count - 4] ^= 0x01
        let result = C2PAVerifier().verify(bytes)
        #expect(result.state == .invalid)
        #expect(Set(result.failures) == ["signingCredential.untrusted", "assertion.dataHash.mismatch"])
        var png = try builder.png()
        png += [0x00]
        #expect(C2PAVerifier().verify(png).failures.contains("assertion.dataHash.mismatch"))
    }

    @Test("a box-hash binding verifies, and breaks when a covered box changes")
    func boxHash() throws {
        var boxed = builder
        boxed.useBoxHash = true
        var bytes = try boxed.jpeg()
        let result = C2PAVerifier().verify(bytes)
        #expect(result.state == .valid)
        #expect(result.successes.contains("assertion.boxesHash.match"))
        bytes[bytes.count - 4] ^= 0x01
        let broken = C2PAVerifier().verify(bytes)
        #expect(broken.state == .invalid)
        #expect(broken.failures.contains("assertion.boxesHash.mismatch"))
    }

    @Test("a JPEG damaged after its header segments still has its store located and checked")
    func damagedJPEG() throws {
        let bytes = try builder.jpeg()
        let damaged = Array(bytes.dropLast(FixtureBuilder.jpegBody.count)) + [0x00, 0x13] + FixtureBuilder.jpegBody
        let result = C2PAVerifier().verify(damaged)
        #expect(result.state == .invalid)
        #expect(result.failures.contains("assertion.dataHash.mismatch"))
        #expect(result.successes.contains("claimSignature.validated"))
    }

    @Test("an edit of an AI-generated parent: ingredient validated separately, AI in history, no own source type")
    func ingredientHistory() throws {
        var edit = builder
        edit.withAIParent = true
        let result = C2PAVerifier().verify(try edit.jpeg())
        #expect(result.state == .valid)
        #expect(result.failures == ["signingCredential.untrusted"])
        #expect(result.manifestCount == 2)
        #expect(result.digitalSourceType == nil)
        #expect(result.aiInHistory)
        #expect(result.informational.contains("ingredient.manifest.validated"))
        let ingredient = try #require(result.ingredients.first)
        #expect(ingredient.label == FixtureBuilder.parentLabel)
        #expect(ingredient.state == .valid)
        #expect(DigitalSourceType(declared: ingredient.digitalSourceType)?.term == "trainedAlgorithmicMedia")
    }

    @Test("a flipped signature byte gives claimSignature.mismatch")
    func tamperedSignature() throws {
        var broken = builder
        broken.corruptSignature = true
        let result = C2PAVerifier().verify(try broken.jpeg())
        #expect(result.state == .invalid)
        #expect(result.failures.contains("claimSignature.mismatch"))
    }

    @Test("an assertion changed after signing gives assertion.hashedURI.mismatch")
    func tamperedAssertion() throws {
        var broken = builder
        broken.corruptAssertion = true
        let result = C2PAVerifier().verify(try broken.jpeg())
        #expect(result.state == .invalid)
        #expect(Set(result.failures) == ["signingCredential.untrusted", "assertion.hashedURI.mismatch"])
    }

    @Test("an expired signer is invalid with signingCredential.expired")
    func expiredSigner() throws {
        var expired = builder
        expired.chain = [try pki.leaf(for: key, notBefore: TestPKI.farPast, notAfter: TestPKI.farPast.addingTimeInterval(86_400))]
        let result = C2PAVerifier().verify(try expired.jpeg())
        #expect(result.state == .invalid)
        #expect(result.failures.contains("signingCredential.expired"))
        #expect(result.failures.contains("claimSignature.outsideValidity"))
        #expect(!result.successes.contains("claimSignature.insideValidity"))
    }

    @Test("a signer without EKU, or with serverAuth only, is signingCredential.invalid")
    func badEKU() throws {
        for ekus: [ExtendedKeyUsage.Usage]? in [nil, [.serverAuth]] {
            var bad = builder
            bad.chain = [try pki.leaf(for: key, ekus: ekus)]
            let result = C2PAVerifier().verify(try bad.jpeg())
            #expect(result.state == .invalid)
            #expect(result.failures.contains("signingCredential.invalid"))
        }
    }

    @Test("a trust configuration adds accepted EKUs")
    func trustConfigEKU() throws {
        var vendor = builder
        let oid: ASN1ObjectIdentifierText = "1.3.6.1.4.1.311.76.59.1.9"
        vendor.chain = [try pki.leaf(for: key, ekus: [ExtendedKeyUsage.Usage(oid: try oid.identifier())])]
        let bytes = try vendor.jpeg()
        #expect(C2PAVerifier().verify(bytes).failures.contains("signingCredential.invalid"))
        let settings = try TrustSettings.load(
            trustAnchorsPEM: nil, allowedSignersPEM: nil, trustConfig: "// Microsoft\n1.3.6.1.4.1.311.76.59.1.9\n\n")
        #expect(C2PAVerifier(trust: settings).verify(bytes).state == .valid)
    }

    @Test("Ed25519 and PS256 signers verify", arguments: ["ed25519", "ps256"])
    func otherAlgorithms(name: String) throws {
        let other: TestKey = name == "ed25519" ? .ed25519(Curve25519.Signing.PrivateKey()) : .rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048))
        var signed = builder
        signed.key = other
        signed.chain = [try pki.leaf(for: other)]
        let result = C2PAVerifier().verify(try signed.jpeg())
        #expect(result.state == .valid)
        #expect(result.successes.contains("claimSignature.validated"))
    }

    @Test("no digital source type is reported as nil, not as a capture")
    func noSourceType() throws {
        var plain = builder
        plain.digitalSourceType = nil
        let result = C2PAVerifier().verify(try plain.jpeg())
        #expect(result.digitalSourceType == nil)
        #expect(!result.declaresAI)
    }

    @Test("files without a store are absent; a remote-only reference is an error; other formats are errors")
    func absentRemoteAndUnsupported() throws {
        let plain: [UInt8] = [0xFF, 0xD8] + FixtureBuilder.jpegBody
        #expect(C2PAVerifier().verify(plain).state == .absent)
        let xmp = Array("http://ns.adobe.com/xap/1.0/\u{0}<x:xmpmeta><rdf:Description dcterms:provenance=\"https://example.com/m.c2pa\"/></x:xmpmeta>".utf8)
        let app1 = [0xFF, 0xE1, UInt8((xmp.count + 2) >> 8), UInt8((xmp.count + 2) & 0xFF)] + xmp
        let remote = C2PAVerifier().verify([0xFF, 0xD8] + app1 + FixtureBuilder.jpegBody)
        #expect(remote.state == .error)
        #expect(remote.errorMessage == "Remote: must fetch remote manifests from url https://example.com/m.c2pa")
        #expect(remote.errorCode == "remote_manifest")
        #expect(C2PAVerifier().verify(Array("GIF89a......".utf8)).state == .error)
        #expect(C2PAVerifier().verify([]).state == .error)
    }

    @Test("the result encodes with the contract keys and the detailed dump is JSON")
    func jsonContract() throws {
        let result = C2PAVerifier().verify(try builder.jpeg())
        let data = try JSONEncoder().encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["state", "failures", "successes", "informational", "digital_source_type", "signer", "claim_generator",
                    "ai_in_history", "manifest_count"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let detailed = result.detailedJSON()
        let dump = try #require(try JSONSerialization.jsonObject(with: Data(detailed.utf8)) as? [String: Any])
        let manifests = try #require(dump["manifests"] as? [String: Any])
        let manifest = try #require(manifests[builder.label] as? [String: Any])
        let assertions = try #require(manifest["assertion_store"] as? [String: Any])
        #expect(assertions.keys.sorted() == ["c2pa.actions.v2", "c2pa.hash.data"])
    }

    @Test("truncating a signed file anywhere never crashes")
    func truncations() throws {
        let bytes = try builder.jpeg()
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            _ = C2PAVerifier().verify(Array(bytes.prefix(cut)))
        }
        var mutated = bytes
        for index in stride(from: 2, to: bytes.count, by: 13) {
            mutated[index] ^= 0xA5
            _ = C2PAVerifier().verify(mutated)
            mutated[index] ^= 0xA5
        }
    }
}

/// A dotted OID string for tests.
struct ASN1ObjectIdentifierText: ExpressibleByStringLiteral {
    let text: String
    init(stringLiteral value: String) { text = value }
    func identifier() throws -> SwiftASN1.ASN1ObjectIdentifier { try SwiftASN1.ASN1ObjectIdentifier(dotRepresentation: text) }
}
