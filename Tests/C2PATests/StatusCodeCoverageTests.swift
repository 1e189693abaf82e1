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
    ]

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
