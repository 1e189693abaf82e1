import Foundation
import Provenant
import ProvenantTestSupport
import Testing

@testable import ProvenantCLI
@testable import ProvenantService

/// Every route of a live server on a loopback port, with real files.
@Suite(.serialized) struct ServiceRouteTests {
    @Test func healthReadinessMetricsAndDocument() async throws {
        try await ServiceHarness.withServer { client, _, _ in
            let health = try await client.request("GET", "/healthz")
            #expect(health.status == 200)
            #expect(try health.object()["status"] as? String == "ok")

            let ready = try await client.request("GET", "/readyz")
            #expect(ready.status == 200)
            #expect(try ready.object()["status"] as? String == "ready")

            let document = try await client.request("GET", "/openapi.json")
            #expect(document.status == 200)
            let paths = Set((try document.object()["paths"] as? [String: Any])?.keys.map { $0 } ?? [])
            #expect(try document.object()["openapi"] as? String == "3.1.0")
            #expect(paths.isSuperset(of: ["/v1/check", "/v1/verify", "/v1/inspect", "/healthz", "/readyz", "/metrics"]))

            let missing = try await client.request("GET", "/nowhere")
            #expect(missing.status == 404)
            #expect((try missing.object()["error"] as? [String: Any])?["code"] as? String == "route.not_found")
            #expect(missing.headers["x-request-id"] != nil)

            let metrics = try await client.request("GET", "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
            #expect(metrics.text.contains(#"provenant_http_requests_total{route="/healthz",status="200"} 1"#))
            #expect(metrics.text.contains("provenant_requests_in_flight 0"))
        }
    }

    @Test func pageInBothLanguagesWithNoExternalReferences() async throws {
        try await ServiceHarness.withServer { client, _, _ in
            let english = try await client.request("GET", "/", headers: ["Accept-Language": "fr;q=0.9, en;q=0.8"])
            #expect(english.status == 200)
            #expect(english.text.contains(#"<html lang="en">"#))
            #expect(english.text.contains("Provenant — was this image made by AI?"))
            #expect(!english.text.contains("{{"))

            let japanese = try await client.request("GET", "/", headers: ["Accept-Language": "ja-JP,ja;q=0.9,en;q=0.5"])
            #expect(japanese.text.contains(#"<html lang="ja">"#))
            #expect(japanese.text.contains("この画像は AI が作ったもの？"))
            #expect(japanese.headers["content-language"] == "ja")

            let switched = try await client.request("GET", "/?lang=en", headers: ["Accept-Language": "ja"])
            #expect(switched.text.contains(#"<html lang="en">"#))

            for page in [english, japanese] {
                #expect(!page.text.contains("http://") && !page.text.contains("https://"), "the page must not load anything from elsewhere")
                #expect(page.headers["content-security-policy"]?.contains("default-src 'self'") == true)
            }
            let script = try await client.request("GET", "/static/page.js")
            #expect(script.status == 200)
            #expect(!script.text.contains("http"))
            #expect(try await client.request("GET", "/static/page.css").status == 200)
        }
    }

    @Test func bothStringFilesHaveTheSameKeys() throws {
        let resources = try ServiceResources()
        #expect(Set(resources.strings["en"]?.keys.map { $0 } ?? []) == Set(resources.strings["ja"]?.keys.map { $0 } ?? []))
        #expect((resources.strings["en"]?.count ?? 0) > 40)
    }

    /// The service's answer equals `provenant check --format json` on the same file, apart from the added fields.
    @Test func checkAnswerEqualsTheCLI() async throws {
        guard let file = ServiceHarness.sample("c2pa/b_ai_es256.jpg") else { return }
        // The harness starts the service with the library's default deep mode (auto); the CLI is asked for the same.
        let cli = try await CommandTests.run(["check", "--format", "json", "--deep", "auto", file])
        let expected = try JSONSerialization.jsonObject(with: Data(cli.console.output.utf8)) as? NSDictionary
        try await ServiceHarness.withServer { client, _, _ in
            let boundary = "provenant-test-boundary"
            let reply = try await client.request(
                "POST", "/v1/check", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"],
                body: multipartBody(boundary: boundary, files: [(file, try ServiceHarness.bytes(file))]))
            #expect(reply.status == 200)
            var answer = try reply.object()
            #expect(answer["verdict"] as? String == "likely_ai")
            #expect((answer["request_id"] as? String)?.isEmpty == false)
            #expect(answer["request_id"] as? String == reply.headers["x-request-id"])
            #expect((answer["model_version"] as? String)?.hasPrefix("provenant-detector-") == true)
            let timings = answer["timings"] as? [String: Double]
            #expect(Set(timings?.keys.map { $0 } ?? []) == ["read", "container", "c2pa", "decode", "watermark", "detector", "deep", "metadata", "fusion", "queue", "total"])
            // `model_version` is part of the check contract itself; the service adds `request_id` and `timings`.
            for key in ["request_id", "timings"] { answer.removeValue(forKey: key) }
            #expect(NSDictionary(dictionary: answer) == expected)

            // The raw body gives the same report, named by ?filename=.
            let raw = try await client.request(
                "POST", "/v1/check?filename=b_ai_es256.jpg&deep=auto", headers: ["Content-Type": "image/jpeg"],
                body: try ServiceHarness.bytes(file))
            #expect(raw.status == 200)
            #expect(try raw.object()["path"] as? String == "b_ai_es256.jpg")
            #expect(try raw.object()["ai_probability"] as? Double == expected?["ai_probability"] as? Double)

            let metrics = try await client.request("GET", "/metrics").text
            #expect(metrics.contains(#"provenant_verdicts_total{verdict="likely_ai"} 2"#))
            #expect(metrics.contains(#"provenant_http_requests_total{route="/v1/check",status="200"} 2"#))
            #expect(metrics.contains(#"provenant_stage_duration_seconds_count{stage="decode"} 2"#))
            #expect(metrics.contains("provenant_received_bytes_total"))
        }
    }

    @Test func severalFilesGiveAnArrayAndVerifyAndInspectFollowTheCLI() async throws {
        guard let ai = ServiceHarness.sample("c2pa/b_ai_es256.jpg"), let camera = ServiceHarness.sample("c2pa/a_camera_es256.jpg")
        else { return }
        try await ServiceHarness.withServer { client, _, _ in
            let boundary = "b0undary"
            let body = multipartBody(boundary: boundary, files: [("ai.jpg", try ServiceHarness.bytes(ai)), ("camera.jpg", try ServiceHarness.bytes(camera))])
            let headers = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
            let check = try await client.request("POST", "/v1/check", headers: headers, body: body)
            #expect(check.status == 200)
            let answers = try check.json() as? [[String: Any]]
            #expect(answers?.map { $0["path"] as? String } == ["ai.jpg", "camera.jpg"])

            let verify = try await client.request("POST", "/v1/verify?filename=camera.jpg", body: try ServiceHarness.bytes(camera))
            #expect(verify.status == 200)
            let cliVerify = try await CommandTests.run(["verify", "--format", "json", camera])
            var verified = try verify.object()
            for key in ["request_id", "model_version", "timings"] { verified.removeValue(forKey: key) }
            verified["path"] = camera
            // Schema 2 reports may carry model_version themselves; compare everything else.
            var expectedVerify = try JSONSerialization.jsonObject(with: Data(cliVerify.console.output.utf8)) as? [String: Any] ?? [:]
            expectedVerify.removeValue(forKey: "model_version")
            #expect(NSDictionary(dictionary: verified) == NSDictionary(dictionary: expectedVerify))

            let inspect = try await client.request("POST", "/v1/inspect", body: try ServiceHarness.bytes(camera))
            #expect(inspect.status == 200)
            #expect((try inspect.object()["image"] as? [String: Any])?["format"] as? String == "jpeg")
        }
    }
}
