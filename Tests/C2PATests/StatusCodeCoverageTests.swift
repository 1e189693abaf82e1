import C2PA
import Crypto
import Foundation
import Testing
import X509

/// One fixture per status code the verifier emits for C2PA (CAWG codes are covered by the dev-set
/// conformance run), each built by ``FixtureBuilder``: the code appears in the list it belongs to,
/// and the state is the one its kind implies. `docs/c2pa-conformance.md` lists the codes with their
/// sources and this suite's case names.
@Suite("Every status code has a fixture")
struct StatusCodeCoverageTests {
    enum List { case success, informational, failure }

    struct Case: Sendable, CustomTestStringConvertible {
        let code: String
        let list: List
        let state: C2PAState
        let make: @Sendable (Fixtures) throws -> (bytes: [UInt8], trust: TrustSettings)
        var testDescription: String { code }
    }

    /// A root anchor, a good signer and builders around them.
    struct Fixtures {
        let root: TestIssuer
        let signer: TestIssuer
        let trust: TrustSettings
        var builder: FixtureBuilder { FixtureBuilder(key: signer.key, chain: [signer.certificate]) }

        init() throws {
            root = try TestIssuer.selfSigned("coverage root", extensions: TestIssuer.caExtensions())
            signer = try root.issue("coverage signer", extensions: TestIssuer.signerExtensions())
            trust = try TrustSettings.load(trustAnchorsPEM: try root.pem, allowedSignersPEM: nil, trustConfig: nil)
        }

        func tsa(_ issuer: TestIssuer) throws -> TestIssuer {
            try issuer.issue("coverage TSA", extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.timeStamping])
            })
        }

        func build(_ change: (inout FixtureBuilder) throws -> Void) throws -> (bytes: [UInt8], trust: TrustSettings) {
            var builder = self.builder
            try change(&builder)
            return (try builder.jpeg(), trust)
        }
    }

    static let cases: [Case] = [
        Case(code: "claimSignature.validated", list: .success, state: .trusted) { try $0.build { _ in } },
        Case(code: "claimSignature.insideValidity", list: .success, state: .trusted) { try $0.build { _ in } },
        Case(code: "signingCredential.trusted", list: .success, state: .trusted) { try $0.build { _ in } },
        Case(code: "assertion.hashedURI.match", list: .success, state: .trusted) { try $0.build { _ in } },
        Case(code: "assertion.dataHash.match", list: .success, state: .trusted) { try $0.build { _ in } },
        Case(code: "signingCredential.ocsp.skipped", list: .informational, state: .trusted) { try $0.build { _ in } },
        Case(code: "assertion.boxesHash.match", list: .success, state: .trusted) { try $0.build { $0.useBoxHash = true } },
        Case(code: "ingredient.manifest.validated", list: .informational, state: .trusted) { try $0.build { $0.withAIParent = true } },
        Case(code: "timeStamp.validated", list: .success, state: .trusted) { fixtures in
            let tsa = try fixtures.tsa(fixtures.root)
            return try fixtures.build { $0.timeStamp = { try TestTimeStamp.token(imprintInput: $0, time: TestPKI.farPast, authority: tsa) } }
        },
        Case(code: "timeStamp.trusted", list: .success, state: .trusted) { fixtures in
            let tsa = try fixtures.tsa(fixtures.root)
            return try fixtures.build { $0.timeStamp = { try TestTimeStamp.token(imprintInput: $0, time: TestPKI.farPast, authority: tsa) } }
        },
        Case(code: "timeStamp.untrusted", list: .informational, state: .trusted) { fixtures in
            let rogue = try TestIssuer.selfSigned("rogue", extensions: TestIssuer.caExtensions())
            let tsa = try fixtures.tsa(rogue)
            return try fixtures.build { $0.timeStamp = { try TestTimeStamp.token(imprintInput: $0, time: TestPKI.farPast, authority: tsa) } }
        },
        Case(code: "timeStamp.mismatch", list: .informational, state: .trusted) { fixtures in
            let tsa = try fixtures.tsa(fixtures.root)
            return try fixtures.build {
                $0.timeStamp = { try TestTimeStamp.token(imprintInput: $0 + [0], time: TestPKI.farPast, authority: tsa) }
            }
        },
        Case(code: "timeStamp.malformed", list: .informational, state: .trusted) { fixtures in
            let tsa = try fixtures.tsa(fixtures.root)
            return try fixtures.build {
                $0.timeStamp = {
                    try TestTimeStamp.token(imprintInput: $0, time: TestPKI.farPast, authority: tsa, contentType: [1, 2, 840, 113549, 1, 7, 1])
                }
            }
        },
        Case(code: "signingCredential.untrusted", list: .failure, state: .valid) { fixtures in
            (try fixtures.builder.jpeg(), TrustSettings())
        },
        Case(code: "claimSignature.mismatch", list: .failure, state: .invalid) { try $0.build { $0.corruptSignature = true } },
        Case(code: "assertion.hashedURI.mismatch", list: .failure, state: .invalid) { try $0.build { $0.corruptAssertion = true } },
        Case(code: "assertion.missing", list: .failure, state: .invalid) { try $0.build { $0.droppedAssertions = ["c2pa.actions.v2"] } },
        Case(code: "assertion.dataHash.mismatch", list: .failure, state: .invalid) { fixtures in
            var (bytes, trust) = try fixtures.build { _ in }
            bytes[bytes.count - 4] ^= 0x01  // one byte of the image body, outside the excluded store
            return (bytes, trust)
        },
        Case(code: "claimSignature.outsideValidity", list: .failure, state: .invalid) { fixtures in
            let expired = try fixtures.root.issue(
                "expired", extensions: TestIssuer.signerExtensions(), notBefore: TestPKI.farPast,
                notAfter: TestPKI.farPast.addingTimeInterval(86_400))
            return (try FixtureBuilder(key: expired.key, chain: [expired.certificate]).jpeg(), fixtures.trust)
        },
        Case(code: "signingCredential.expired", list: .failure, state: .invalid) { fixtures in
            let notYet = try fixtures.root.issue(
                "not yet valid", extensions: TestIssuer.signerExtensions(), notBefore: TestPKI.farFuture.addingTimeInterval(-86_400),
                notAfter: TestPKI.farFuture)
            return (try FixtureBuilder(key: notYet.key, chain: [notYet.certificate]).jpeg(), fixtures.trust)
        },
        Case(code: "signingCredential.invalid", list: .failure, state: .invalid) { fixtures in
            let serverOnly = try fixtures.root.issue("server", extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
            })
            return (try FixtureBuilder(key: serverOnly.key, chain: [serverOnly.certificate]).jpeg(), fixtures.trust)
        },
        Case(code: "claim.malformed", list: .failure, state: .invalid) { try $0.build { $0.label = "not-a-urn" } },
        Case(code: "assertion.action.malformed", list: .failure, state: .invalid) { try $0.build { $0.firstAction = "c2pa.edited" } },
        Case(code: "manifest.multipleParents", list: .failure, state: .invalid) {
            try $0.build { $0.withAIParent = true; $0.ingredientCopies = 2 }
        },
        Case(code: "assertion.action.ingredientMismatch", list: .failure, state: .invalid) {
            try $0.build { $0.withAIParent = true; $0.openedNamesIngredient = false }
        },
        Case(code: "assertion.dataHash.malformed", list: .failure, state: .invalid) { try $0.build { $0.malformedDataHash = true } },
        Case(code: "claim.hardBindings.missing", list: .failure, state: .invalid) { try $0.build { $0.omitHardBinding = true } },
        Case(code: "claim.missing", list: .failure, state: .invalid) { try $0.build { $0.omitClaim = true } },
        Case(code: "claim.cbor.invalid", list: .failure, state: .invalid) { try $0.build { $0.corruptClaimCBOR = true } },
        Case(code: "claimSignature.missing", list: .failure, state: .invalid) { try $0.build { $0.omitSignature = true } },
        Case(code: "ingredient.manifest.missing", list: .failure, state: .invalid) {
            try $0.build { $0.withAIParent = true; $0.omitParent = true }
        },
        Case(code: "ingredient.claimSignature.validated", list: .informational, state: .trusted) {
            try $0.build { $0.withAIParent = true; $0.paddingAssertionBytes = 16; $0.redactParentPadding = true }
        },
        Case(code: "algorithm.unsupported", list: .failure, state: .invalid) { try $0.build { $0.assertionHashAlg = "md5" } },
        Case(code: "claim.multiple", list: .failure, state: .invalid) { try $0.build { $0.duplicateStore = true } },
        Case(code: "manifest.update.wrongParents", list: .failure, state: .invalid) {
            try $0.build { $0.withAIParent = true; $0.updateManifest = true; $0.updateRelationship = "componentOf" }
        },
        Case(code: "manifest.update.invalid", list: .failure, state: .invalid) {
            try $0.build {
                $0.withAIParent = true
                $0.updateManifest = true
                $0.updateExtraAssertions = [("c2pa.actions.v2", FixtureBuilder.actionsAssertion("c2pa.edited", digitalSourceType: nil))]
            }
        },
    ]

    @Test("ingredient.claimSignature.mismatch: a redacted ingredient whose claim-signature hash differs is an ingredient delta")
    func redactedIngredientSignatureMismatch() throws {
        let fixtures = try Fixtures()
        let (bytes, trust) = try fixtures.build {
            $0.withAIParent = true
            $0.paddingAssertionBytes = 16
            $0.redactParentPadding = true
            $0.wrongClaimSignatureHash = true
        }
        let result = C2PAVerifier(trust: trust).verify(bytes)
        #expect(result.state == .invalid)
        #expect(!result.failures.contains("ingredient.claimSignature.mismatch"))
        #expect(result.ingredients.first?.failures.contains("ingredient.claimSignature.mismatch") == true)
    }

    /// Writes every fixture of this suite, and the update-manifest variants, into the folder named by
    /// `PROVENANT_EXPORT_FIXTURES` with this verifier's verdict without trust anchors (`ours.jsonl`),
    /// for `scripts/c2pa/compare_crafted.py` to put beside the reference's. Skipped without it.
    @Test(
        "export the crafted fixtures for the reference comparison",
        .enabled(if: ProcessInfo.processInfo.environment["PROVENANT_EXPORT_FIXTURES"] != nil))
    func exportFixtures() throws {
        let folder = try #require(ProcessInfo.processInfo.environment["PROVENANT_EXPORT_FIXTURES"])
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let fixtures = try Fixtures()
        var named: [(name: String, code: String, bytes: [UInt8])] = []
        for testCase in Self.cases {
            named.append((testCase.code, testCase.code, try testCase.make(fixtures).bytes))
        }
        named.append(("ingredient.claimSignature.mismatch", "ingredient.claimSignature.mismatch", try fixtures.build {
            $0.withAIParent = true
            $0.paddingAssertionBytes = 16
            $0.redactParentPadding = true
            $0.wrongClaimSignatureHash = true
        }.bytes))
        named.append(("assertion.undeclared", "assertion.undeclared", try fixtures.build {
            $0.smuggledBody = FixtureBuilder.jpegBody
            $0.smuggledLabel = "c2pa.actions.v2__9"
        }.bytes))
        named.append(("update-control", "", try fixtures.build { $0.withAIParent = true; $0.updateManifest = true }.bytes))
        for variant in UpdateManifestTests.variants {
            named.append((variant.name, variant.code, try fixtures.build {
                $0.withAIParent = true
                $0.updateManifest = true
                variant.change(&$0)
            }.bytes))
        }
        var lines: [String] = []
        var seen: [String: Int] = [:]
        for fixture in named {
            seen[fixture.name, default: 0] += 1
            let file = fixture.name + (seen[fixture.name] == 1 ? "" : "-\(seen[fixture.name] ?? 0)") + ".jpg"
            try Data(fixture.bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(file))
            let result = C2PAVerifier().verify(fixture.bytes)
            let record: [String: Any] = [
                "file": file, "code": fixture.code, "state": result.state.rawValue, "failures": result.failures,
                "ingredient_failures": result.ingredients.flatMap(\.failures), "error_code": result.errorCode ?? NSNull(),
            ]
            let json = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            lines.append(String(decoding: json, as: UTF8.self))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/ours.jsonl", atomically: true, encoding: .utf8)
        #expect(lines.count == named.count)
    }

    @Test("assertion.undeclared: an assertion the claim does not reference makes the store unreadable, as in the reference")
    func undeclared() throws {
        let fixtures = try Fixtures()
        let (bytes, trust) = try fixtures.build { $0.smuggledBody = FixtureBuilder.jpegBody; $0.smuggledLabel = "c2pa.actions.v2__9" }
        let result = C2PAVerifier(trust: trust).verify(bytes)
        #expect(result.state == .error)
        #expect(result.errorCode == "assertion_undeclared")
        #expect(result.errorMessage?.contains("assertion.undeclared") == true)
    }

    @Test("assertion.ingredient.malformed: a v3 ingredient without validationResults is an ingredient delta")
    func ingredientWithoutValidationResults() throws {
        let fixtures = try Fixtures()
        let (bytes, trust) = try fixtures.build { $0.withAIParent = true; $0.ingredientValidationResults = false }
        let result = C2PAVerifier(trust: trust).verify(bytes)
        #expect(result.state == .invalid)
        #expect(!result.failures.contains("assertion.ingredient.malformed"))
        #expect(result.ingredients.first?.failures.contains("assertion.ingredient.malformed") == true)
    }

    @Test("the code appears in its list with the state its kind implies", arguments: cases)
    func fixture(_ testCase: Case) throws {
        let (bytes, trust) = try testCase.make(try Fixtures())
        let result = C2PAVerifier(trust: trust).verify(bytes)
        switch testCase.list {
        case .success: #expect(result.successes.contains(testCase.code))
        case .informational: #expect(result.informational.contains(testCase.code))
        case .failure: #expect(result.failures.contains(testCase.code))
        }
        #expect(result.state == testCase.state)
    }
}
