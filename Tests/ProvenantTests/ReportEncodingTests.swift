import Testing

@testable import Provenant

/// JSON key names are contracts: these tests pin the exact bytes of crafted reports.
@Suite struct ReportEncodingTests {
    static let c2pa = C2PASummary(
        state: .trusted, failures: [], successes: ["claimSignature.validated", "assertion.dataHash.match"],
        digitalSourceType: "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
        signer: "Test Signer", signingTime: nil, claimGenerator: "make_fixtures/1.0", aiInHistory: false,
        manifestCount: 1)

    @Test func verifyReportBytes() throws {
        let report = VerifyReport(path: "a/b.jpg", provenance: ProvenanceSection(c2pa: Self.c2pa), error: nil)
        #expect(
            try ReportJSON.line(report)
                == #"{"detailed":null,"error":null,"model_version":null,"path":"a/b.jpg","provenance":{"c2pa":{"actions":[],"active_manifest":null,"ai_in_history":false,"ai_ingredient_count":0,"claim_generator":"make_fixtures/1.0","digital_source_type":"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia","error_code":null,"error_offset":null,"failures":[],"informational":[],"ingredient_count":0,"issuer":null,"manifest_count":1,"message":null,"signature_algorithm":null,"signer":"Test Signer","signing_time":null,"state":"trusted","successes":["claimSignature.validated","assertion.dataHash.match"],"title":null}},"schema_version":4,"tool_version":"0.2.0"}"#
        )
    }

    @Test func verifyErrorReportBytes() throws {
        let report = VerifyReport(
            path: "missing.jpg", provenance: nil, error: ReportError(code: "io.not_found", message: "no such file"))
        #expect(
            try ReportJSON.line(report)
                == #"{"detailed":null,"error":{"code":"io.not_found","message":"no such file"},"model_version":null,"path":"missing.jpg","provenance":null,"schema_version":4,"tool_version":"0.2.0"}"#
        )
    }

    @Test func detectReportBytes() throws {
        let report = DetectReport(
            path: "x.png", aiProbability: 0.8808, verdict: .likelyAI,
            signals: [
                Signal(kind: .watermark, name: "dwtdct", detected: false, score: 0.5, detail: "no payload"),
                Signal(kind: .detector, name: "statistical", detected: nil, score: 0.25, detail: "d"),
            ], error: nil)
        #expect(
            try ReportJSON.line(report)
                == #"{"ai_probability":0.8808,"error":null,"frames":null,"model_version":null,"path":"x.png","schema_version":4,"signals":[{"detail":"no payload","detected":false,"kind":"watermark","name":"dwtdct","score":0.5},{"detail":"d","detected":null,"kind":"detector","name":"statistical","score":0.25}],"tool_version":"0.2.0","verdict":"likely_ai","warnings":[]}"#
        )
    }

    @Test func checkReportBytes() throws {
        let evidence = FusionEvidence(c2pa: .absent, detector: DetectorEvidence(probability: 0.25, modelVersion: "m1", tiles: 4))
        let result = Fusion().fuse(evidence)
        let report = AnalysisReport(
            path: "p.jpg", aiProbability: result.aiProbability, verdict: result.verdict,
            signals: Analyzer.signals(for: evidence), provenance: ProvenanceSection(c2pa: .absent),
            explanation: result, error: nil)
        let expected =
            #"{"ai_probability":0.25,"deep_stage":null,"error":null,"explanation":{"ai_probability":0.25,"band":{"lower":0.2,"upper":0.8},"decisive_provenance":false,"log_odds":-1.0986,"prior":0.5,"steps":["#
            + #"{"kind":"prior","log_odds_change":0,"name":"prior","reason":"prior probability 0.5000 before any evidence"},"#
            + #"{"kind":"c2pa","log_odds_change":0,"name":"manifest","reason":"no Content Credentials; missing provenance is not evidence either way"},"#
            + #"{"kind":"detector","log_odds_change":-1.0986,"name":"statistical","reason":"calibrated pixel-statistics probability 0.2500"}],"verdict":"inconclusive"},"frames":null,"#
            + #""model_version":null,"path":"p.jpg","provenance":{"c2pa":{"actions":[],"active_manifest":null,"ai_in_history":false,"ai_ingredient_count":0,"claim_generator":null,"digital_source_type":null,"error_code":null,"error_offset":null,"failures":[],"informational":[],"ingredient_count":0,"issuer":null,"manifest_count":0,"message":null,"signature_algorithm":null,"signer":null,"signing_time":null,"state":"absent","successes":[],"title":null}},"schema_version":4,"#
            + #""signals":[{"detail":"no Content Credentials","detected":null,"kind":"c2pa","name":"manifest","score":null},"#
            + #"{"detail":"calibrated pixel-statistics probability 25.0 % (model m1, 4 tiles)","detected":null,"kind":"detector","name":"statistical","score":0.25}],"tool_version":"0.2.0","verdict":"inconclusive","warnings":[]}"#
        #expect(try ReportJSON.line(report) == expected)
    }

    @Test func reportsRoundTrip() throws {
        let evidence = FusionEvidence(
            c2pa: Self.c2pa, watermark: WatermarkEvidence(detected: true, payloadName: "sdxl", bitsMatched: 46, bitsTotal: 48, detail: "w"),
            metadata: [MetadataEvidence(name: "a1111_parameters", detected: true, generator: "A1111", strength: .strong, detail: "p")],
            detector: DetectorEvidence(probability: 0.7, modelVersion: "m", tiles: 8))
        let result = Fusion().fuse(evidence)
        let report = AnalysisReport(
            path: "r.jpg", aiProbability: result.aiProbability, verdict: result.verdict,
            signals: Analyzer.signals(for: evidence), provenance: ProvenanceSection(c2pa: Self.c2pa),
            explanation: result, error: nil)
        let decoded = try ReportJSON.decode(AnalysisReport.self, from: try ReportJSON.line(report))
        #expect(decoded == report)
        #expect(decoded.signals.map(\.kind) == [.c2pa, .watermark, .metadata, .detector])
        let detect = DetectReport(report)
        #expect(try ReportJSON.decode(DetectReport.self, from: try ReportJSON.line(detect)) == detect)
        #expect(detect.signals.map(\.kind) == [.watermark, .metadata, .detector])
    }

    @Test func inspectReportBytes() throws {
        let image = ImageSummary(
            format: "png", width: 2, height: 1, colorModel: "rgb", bitDepth: 8,
            png: PNGFacts(interlaced: false, paletteSize: nil, chunkTypes: ["IHDR", "tEXt", "IDAT", "IEND"]),
            textChunks: [TextChunkFacts(keyword: "parameters", chunkType: "tEXt", text: "a cat")])
        let report = InspectReport(path: "t.png", image: image, error: nil)
        #expect(
            try ReportJSON.line(report)
                == #"{"error":null,"image":{"bit_depth":8,"bmff":null,"c2pa":null,"c2pa_present":false,"color_model":"rgb","comments":[],"exif":null,"format":"png","height":1,"icc_description":null,"icc_profile_bytes":null,"iptc":null,"jpeg":null,"png":{"chunk_types":["IHDR","tEXt","IDAT","IEND"],"interlaced":false,"palette_size":null},"text_chunks":[{"chunk_type":"tEXt","keyword":"parameters","length":5,"text":"a cat","truncated":false}],"tiff":null,"webp":null,"width":2,"xmp":null},"model_version":null,"path":"t.png","schema_version":4,"tool_version":"0.2.0","video":null}"#
        )
    }

    @Test func negativeZeroIsWrittenAsZero() throws {
        #expect(ReportRounding.logOdds(-0.00001).sign == .plus)
        #expect(try ReportJSON.line([ReportRounding.logOdds(-0.00001), ReportRounding.probability(-0.00001)]) == "[0,0]")
    }

    @Test func jsonValueRoundTrip() throws {
        let text = #"{"a":[1,2.5,"x",null,true],"b":{"c":false}}"#
        let value = try ReportJSON.decode(JSONValue.self, from: text)
        #expect(try ReportJSON.line(value) == text)
    }
}
