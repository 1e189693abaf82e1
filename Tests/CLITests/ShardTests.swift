import Foundation
import Provenant
import Testing

@testable import ProvenantCLI

/// The shard key and hash, shard options, NDJSON input lists, and `merge` on crafted parts (in process).
@Suite struct ShardTests {
    /// The code of the error `body` throws (`nil` when it throws none).
    static func code(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as ReportError {
            return error.code
        } catch {
            return "not a ReportError: \(error)"
        }
    }

    @Test func fnv1a64KnownAnswers() throws {
        // Published FNV-1a 64 test vectors.
        #expect(ShardKey.fnv1a64("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(ShardKey.fnv1a64("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(ShardKey.fnv1a64("foobar".utf8) == 0x8594_4171_f739_67e8)
        // The worked example of docs/scale-out.md.
        #expect(ShardKey.fnv1a64("2024/01/cat.jpg".utf8) == 0x2f2a_4cde_897a_dbfb)
        #expect(try ShardSpec.parse("11/16").contains(key: "2024/01/cat.jpg"))
        #expect(try ShardSpec.parse("3/8").contains(key: "2024/01/cat.jpg"))
        #expect(try !ShardSpec.parse("2/8").contains(key: "2024/01/cat.jpg"))
        #expect(try ShardSpec.parse("0/3").contains(key: "foobar"))
    }

    @Test func keysAreRelativeToTheScanRootAndNormalised() {
        #expect(ShardKey.key(path: "photos/2024/a.jpg", root: "photos") == "2024/a.jpg")
        #expect(ShardKey.key(path: "/mnt/bucket/2024/a.jpg", root: "/mnt/bucket") == "2024/a.jpg")
        #expect(ShardKey.key(path: "/etc/a.jpg", root: "/") == "etc/a.jpg")
        #expect(ShardKey.key(path: "./list/a.jpg", root: "./list/a.jpg") == "list/a.jpg")
        #expect(ShardKey.normalized("./a//b/./c/") == "a/b/c")
        #expect(ShardKey.normalized("/x/../y") == "/x/../y")
        #expect(ShardKey.normalized("./") == ".")
    }

    @Test func shardSpecsParseAndRejectBadValuesWithCodes() throws {
        #expect(try ShardSpec.parse("3/8") == ShardSpec(index: 3, count: 8, source: "test"))
        #expect(Self.code { _ = try ShardSpec.parse("3") } == "shard.invalid")
        #expect(Self.code { _ = try ShardSpec.parse("a/8") } == "shard.invalid")
        #expect(Self.code { _ = try ShardSpec.parse("8/8") } == "shard.index_out_of_range")
        #expect(Self.code { _ = try ShardSpec.parse("-1/8") } == "shard.index_out_of_range")
        #expect(Self.code { _ = try ShardSpec.parse("0/0") } == "shard.count_invalid")
    }

    @Test func shardFromEnvironment() throws {
        let kubernetes = ["JOB_COMPLETION_INDEX": "2", "PROVENANT_SHARD_COUNT": "5"]
        #expect(try ShardSpec.fromEnvironment(kubernetes, count: nil) == ShardSpec(index: 2, count: 5, source: "test"))
        #expect(try ShardSpec.fromEnvironment(kubernetes, count: 3) == ShardSpec(index: 2, count: 3, source: "test"))
        let batch = ["AWS_BATCH_JOB_ARRAY_INDEX": "7 "]
        #expect(try ShardSpec.fromEnvironment(batch, count: 8) == ShardSpec(index: 7, count: 8, source: "test"))
        #expect(Self.code { _ = try ShardSpec.fromEnvironment([:], count: 4) } == "shard.index_missing")
        #expect(
            Self.code { _ = try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "0"], count: nil) } == "shard.count_missing")
        #expect(
            Self.code { _ = try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "x"], count: 4) } == "shard.index_invalid")
        #expect(
            Self.code { _ = try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "0", "PROVENANT_SHARD_COUNT": "many"], count: nil) } == "shard.count_invalid")
        #expect(
            Self.code { _ = try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "4"], count: 4) } == "shard.index_out_of_range")
    }

    @Test func shardOptionsUsageErrorsExit64() {
        #expect(CommandTests.usageStatus(["scan", "--shard", "1/3", "folder"]) == 0)
        #expect(CommandTests.usageStatus(["scan", "--shard", "3/3", "folder"]) == 64)
        #expect(CommandTests.usageStatus(["scan", "--shard", "1of3", "folder"]) == 64)
        #expect(CommandTests.usageStatus(["scan", "--shard", "1/3", "--shard-from-env", "folder"]) == 64)
        #expect(CommandTests.usageStatus(["scan", "--shard-count", "3", "folder"]) == 64)
        #expect(CommandTests.usageStatus(["scan", "--shard-from-env", "--shard-count", "3", "folder"]) == 0)
        #expect(CommandTests.usageStatus(["merge", "out.jsonl"]) == 64)
    }

    @Test func inputListAcceptsNDJSONWithAPathField() throws {
        let list = "a.jpg\n{\"path\": \"b c.png\", \"size\": 12}\r\n  {\"path\":\"d.jpg\"}\n\n"
        #expect(try InputList.parse(Array(list.utf8)) == ["a.jpg", "b c.png", "d.jpg"])
        #expect(
            Self.code { _ = try InputList.parse(Array("a.jpg\n{\"name\": \"b.png\"}\n".utf8)) } == "input.list_invalid")
        #expect(Self.code { _ = try InputList.parse(Array("{not json\n".utf8)) } == "input.list_invalid")
    }

    @Test func shardsPartitionAWalk() async throws {
        let folder = try ScanRunnerTests().makeFolder()
        defer { folder.remove() }
        func lines(_ shard: ShardSpec?, _ name: String) async throws -> (Set<String>, ScanSummary) {
            var runner = ScanRunnerTests().runner(folder, output: folder.path + "/" + name)
            runner.shard = shard
            let summary = try await runner.run(console: BufferConsole())
            return (Set(try folder.read(name).split(separator: "\n").map(String.init)), summary)
        }
        // Outputs go under .out (hidden) so later walks skip them the same way.
        try FileManager.default.createDirectory(atPath: folder.path + "/.out", withIntermediateDirectories: true)
        let (all, whole) = try await lines(nil, ".out/all.jsonl")
        #expect(all.count == 7)
        for count in [1, 2, 3, 5] {
            var union: [String] = []
            var skipped = 0
            for index in 0..<count {
                let (part, summary) = try await lines(try ShardSpec(index: index, count: count, source: "test"), ".out/p\(count)-\(index).jsonl")
                union += part
                skipped += summary.skippedNotImage + summary.skippedUnsupported + summary.skippedHidden
                #expect(summary.skippedOtherShards + summary.analysed + summary.skippedNotImage + summary.skippedUnsupported
                    + summary.skippedHidden == 11)  // every entry of the walk, in this shard or another
            }
            #expect(union.count == all.count)
            #expect(Set(union) == all)
            #expect(skipped == whole.skippedNotImage + whole.skippedUnsupported + whole.skippedHidden)
        }
    }

    // MARK: merge

    func line(_ path: String, _ probability: Double) throws -> String {
        try ReportJSON.line(AnalysisReport(path: path, aiProbability: probability, verdict: VerdictBand.default.verdict(for: probability)))
    }

    @Test func mergeKeepsTheLatestLinePerPathAndChecksTheExpectedList() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let a = try folder.write("a.jsonl", Array((try line("x/1.jpg", 0.9) + "\n" + line("x/2.jpg", 0.1) + "\n").utf8))
        // A rerun of the same shard: x/2.jpg again (now inconclusive), and x/3.jpg.
        let b = try folder.write("b.jsonl", Array((try line("./x/2.jpg", 0.5) + "\n" + line("x/3.jpg", 0.1) + "\n").utf8))
        let expect = try folder.write("expect.txt", Array("x/1.jpg\nx/2.jpg\nx/3.jpg\n".utf8))
        let out = folder.path + "/out.jsonl"
        let result = try await CommandTests.run(["merge", out, a, b, "--expect", expect])
        #expect(result.status == 2)  // x/1.jpg is likely AI
        let merged = try folder.read("out.jsonl").split(separator: "\n").map(String.init)
        #expect(merged == [try line("x/1.jpg", 0.9), try line("./x/2.jpg", 0.5), try line("x/3.jpg", 0.1)])
        #expect(result.console.errors.contains("likely_ai: 1  inconclusive: 1  likely_authentic: 1"))
        #expect(result.console.errors.contains("1 duplicate line dropped"))
        #expect(result.console.errors.contains("expected inputs: all 3 have exactly one result"))

        // A missing input and an unexpected one make the merge incomplete (status 3 even though something is flagged).
        let short = try folder.write("short.txt", Array("x/1.jpg\nx/4.jpg\n".utf8))
        let second = try await CommandTests.run(["merge", out, a, b, "--expect", short, "--force"])
        #expect(second.status == 3)
        #expect(second.console.errors.contains("missing: x/4.jpg"))
        #expect(second.console.errors.contains("not expected: x/3.jpg"))
    }

    @Test func mergeRefusesACutOffPartAndAddsShardSummaries() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cut = try folder.write("cut.jsonl", Array((try line("a.jpg", 0.1) + "\n{\"path\":\"b.j").utf8))
        let out = folder.path + "/out.jsonl"
        let failed = try await CommandTests.run(["merge", out, cut])
        #expect(failed.status == 3)
        #expect(failed.console.errors.contains("merge.cut_off_part"))

        let part = try folder.write("p.jsonl", Array((try line("a.jpg", 0.1) + "\n").utf8))
        var shard = ScanSummary()
        shard.analysed = 1
        shard.likelyAuthentic = 1
        shard.skippedNotImage = 4
        shard.seconds = 2
        shard.jobs = 3
        shard.deepRuns = 1
        shard.stageTotals.deep = 0.25
        shard.formats = ["jpeg": 1]
        let summaryPath = folder.path + "/p.summary.json"
        try ScanSummaryFile(shard).write(to: summaryPath)
        let written = try ScanSummaryFile.read(from: summaryPath)
        #expect(written == ScanSummaryFile(shard))
        #expect(written.version == 2 && written.deepRan == 1 && written.deepSkipped == 0 && written.deepSeconds == 0.25)
        #expect(written.formats == ["jpeg": 1] && written.videos == 0)
        let json = try String(contentsOfFile: summaryPath, encoding: .utf8)
        #expect(json.contains("\"deep_ran\" : 1") && json.contains("\"deep_seconds\" : 0.25"))
        // A version 1 file (no videos, formats or deep-stage keys) still reads.
        let v1Path = folder.path + "/v1.summary.json"
        var fields = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["videos", "formats", "deep_ran", "deep_skipped", "deep_seconds"] { fields[key] = nil }
        fields["version"] = 1
        try JSONSerialization.data(withJSONObject: fields).write(to: URL(fileURLWithPath: v1Path))
        let old = try ScanSummaryFile.read(from: v1Path)
        #expect(old.version == 1 && old.deepRan == nil && old.formats == nil && old.analysed == 1 && old.skippedNotImage == 4)
        let merged = try await CommandTests.run(["merge", out, part, "--summaries", summaryPath, "--force"])
        #expect(merged.status == 0)
        #expect(merged.console.errors.contains("scanned 1 images in 2.0 s (0.5 images/s, 3 jobs)"))
        #expect(merged.console.errors.contains("skipped: 4 not images"))
    }
}

extension ShardTests {
    @Test func listedPathsArePlacedByTheirOwnKeyAndListedFoldersGoWhole() async throws {
        let folder = try ScanRunnerTests().makeFolder()
        defer { folder.remove() }
        let listed = ["sub", "ai1.jpg", "real1.jpg", "mid1.png", "ai2.png"].map { folder.path + "/" + $0 }
        var union: [String] = []
        for index in 0..<3 {
            let shard = try ShardSpec(index: index, count: 3, source: "test")
            var runner = ScanRunnerTests().runner(folder, output: nil)
            // As scan does with --files-from and a shard: the list reader keeps this shard's paths.
            runner.paths = listed.filter { shard.contains(key: ShardKey.normalized($0)) }
            runner.inputsPlacedFrom = 0
            runner.shard = shard
            let console = BufferConsole()
            _ = try await runner.run(console: console)
            union += try console.output.split(separator: "\n").map { try ReportJSON.decode(AnalysisReport.self, from: String($0)).path }
        }
        let expected = ["sub/real3.jpg", "ai1.jpg", "real1.jpg", "mid1.png", "ai2.png"].map { folder.path + "/" + $0 }
        #expect(union.sorted() == expected.sorted())
    }
}
