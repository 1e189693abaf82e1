import Foundation
import ImageDecoding
import Provenant
import ProvenantTestSupport
import Testing

@testable import ProvenantCLI

/// A simulation of a sharded batch on one machine (docs/scale-out.md): 1,000 generated images, scanned once
/// unsharded and then as N = 1, 3 and 8 shard processes of the built `provenant` running at once (one
/// shard killed mid-run and rerun with `--resume`), merged, and compared line for line.
@Suite(.serialized) struct ShardedScanIntegrationTests {
    static let folders = 10
    static let imagesPerFolder = 100

    /// 1,000 tiny images (32×32, PNG and JPEG alternating, noise at varied levels over a gradient) in ten
    /// sub-folders, plus a text file per folder (a counted skip). Returns the image paths.
    static func makeImages(in root: String) throws -> [String] {
        var random = SplitMix64(seed: 0x5CA1E_0F7)
        var images: [String] = []
        for folder in 0..<folders {
            let directory = root + "/batch-\(folder)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data("not an image\n".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
            for index in 0..<imagesPerFolder {
                var image = TestImages.gradient(width: 32, height: 32)
                let noise = Int(random.next() % 48)
                for sample in image.pixels.indices where noise > 0 {
                    image.pixels[sample] = UInt8(clamping: Int(image.pixels[sample]) + Int(random.next() % UInt64(noise)) - noise / 2)
                }
                let isPNG = index % 2 == 0
                let path = directory + "/img-\(index)." + (isPNG ? "png" : "jpg")
                let bytes = isPNG ? try PNGEncoder.encode(image) : try JPEGEncoder.encode(image, quality: 60 + index % 40)
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                images.append(path)
            }
        }
        return images
    }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init).sorted()
    }

    /// The options every scan here shares: no deep stage (the merge is about bookkeeping, and tiny images
    /// keep the test short), two jobs, quiet.
    static let scanOptions = ["--recursive", "--deep", "never", "--jobs", "2", "--quiet"]

    @Test(.enabled(if: BuiltTool.provenant != nil, "the provenant executable was not built beside the tests"))
    func shardsMergeIntoTheUnshardedScan() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let root = folder.path + "/images"
        let images = try Self.makeImages(in: root)
        #expect(images.count == 1_000)
        let expected = try folder.write("expected.txt", Array(images.joined(separator: "\n").utf8))
        // The list a task would be handed: every file, images and the text files.
        let everything = images + (0..<Self.folders).map { root + "/batch-\($0)/notes.txt" }
        let list = try folder.write("list.txt", Array(everything.joined(separator: "\n").utf8))

        let full = folder.path + "/full.jsonl"
        let fullStatus = try await BuiltTool.run(["scan", root, "-o", full, "--summary-json", full + ".summary"] + Self.scanOptions)
        #expect([0, 1, 2].contains(fullStatus))
        let reference = try Self.lines(full)
        #expect(reference.count == 1_000)
        let fullSummary = try ScanSummaryFile.read(from: full + ".summary")
        #expect(fullSummary.skippedNotImage == Self.folders)

        for count in [1, 3, 8] {
            var parts: [String] = []
            var children: [BuiltTool.Child] = []
            for index in 0..<count {
                let part = folder.path + "/n\(count)-part-\(index).jsonl"
                parts.append(part)
                if count == 8 {
                    // As a Kubernetes Indexed Job runs it: the index from the environment, a list for input.
                    children.append(
                        try BuiltTool.Child(
                            ["scan", "--files-from", list, "--shard-from-env", "-o", part, "--summary-json", part + ".summary"]
                                + Self.scanOptions,
                            environment: ["JOB_COMPLETION_INDEX": "\(index)", "PROVENANT_SHARD_COUNT": "8"]))
                } else {
                    children.append(
                        try BuiltTool.Child(
                            ["scan", root, "--shard", "\(index)/\(count)", "-o", part, "--summary-json", part + ".summary"]
                                + (count == 3 && index == 1 ? ["--recursive", "--deep", "never", "--jobs", "1", "--quiet"] : Self.scanOptions)))
                }
            }
            if count == 3 {
                // Kill shard 1 as soon as it has written a result, then rerun it with --resume.
                let victim = children[1]
                let part = parts[1]
                let killed = await victim.killAsSoonAs {
                    ((try? FileManager.default.attributesOfItem(atPath: part)[.size] as? Int) ?? 0) > 0
                }
                let ended = await victim.wait()
                #expect(killed && ended.signalled, "shard 1 finished before it could be killed")
                let partial = try String(contentsOfFile: part, encoding: .utf8).split(separator: "\n").count
                let resumed = try await BuiltTool.run(
                    ["scan", root, "--shard", "1/3", "-o", part, "--resume", "--summary-json", part + ".summary"] + Self.scanOptions)
                #expect([0, 1, 2].contains(resumed))
                #expect(partial < (try Self.lines(part)).count)
            }
            for (index, child) in children.enumerated() where !(count == 3 && index == 1) {
                let ended = await child.wait()
                #expect(!ended.signalled && [0, 1, 2].contains(ended.status), "N=\(count) shard \(index) ended with \(ended.status)")
            }

            // The union of the parts: every line of the unsharded scan, none twice.
            let union = try parts.flatMap { try Self.lines($0) }.sorted()
            #expect(union == reference, "N=\(count): the shards' lines differ from the unsharded scan")

            let merged = folder.path + "/merged-\(count).jsonl"
            let mergeStatus = try await BuiltTool.run(
                ["merge", merged] + parts + ["--expect", expected, "--summaries"] + parts.map { $0 + ".summary" })
            #expect(mergeStatus == fullStatus, "N=\(count): merge exit status")
            #expect(try Self.lines(merged) == reference, "N=\(count): merged output")
            let summaries = try parts.map { try ScanSummaryFile.read(from: $0 + ".summary") }
            #expect(summaries.reduce(0) { $0 + $1.analysed } == 1_000)
            #expect(summaries.reduce(0) { $0 + $1.skippedNotImage } == Self.folders)
            #expect(summaries.reduce(0) { $0 + $1.likelyAI } == fullSummary.likelyAI)
        }
    }
}
