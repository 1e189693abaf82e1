import Foundation
import ImageContainers
import Testing
@testable import Forensics

/// Runs the scanner over ../shared/data/detect and checks the counts recorded in docs/watermark.md.
@Suite("Generator metadata on the shared detect set")
struct MetadataDetectSetTests {
    @Test("files with generator metadata are found and no real photo is flagged")
    func detectSet() throws {
        guard let shared = SignalsSharedData.directory() else {
            print("skipping: ../shared is absent")
            return
        }
        let labels = try String(contentsOf: shared.appendingPathComponent("data/detect/labels.csv"), encoding: .utf8)
        var tally: [String: (files: Int, flagged: Int)] = [:]
        var byName: [String: Int] = [:]
        var realFlagged: [String] = []
        var missed: [String] = []
        var unreadable = 0
        for row in SignalsSharedData.csvRows(labels) {
            guard let file = row["file"], let label = row["label"], let notes = row["notes"] else { continue }
            let marker = notes.firstRange(of: "gen_metadata=").map { range in
                String(notes[range.upperBound...].prefix { $0 != ";" && $0 != ":" })
            } ?? "n/a"
            let group = "\(label) gen_metadata=\(marker)"
            let bytes = try SignalsSharedData.bytes("data/detect/" + file, in: shared)
            let findings: [MetadataFinding]
            do {
                findings = GeneratorMetadataScanner.scan(try ContainerParser.parse(bytes).metadata)
            } catch {
                unreadable += 1
                findings = []
            }
            let flagged = findings.contains(where: \.detected)
            var entry = tally[group] ?? (0, 0)
            entry.files += 1
            entry.flagged += flagged ? 1 : 0
            tally[group] = entry
            for finding in findings where finding.detected { byName["\(label) \(finding.name)", default: 0] += 1 }
            if label == "real" && flagged {
                realFlagged.append("\(file): \(findings.map(\.detail))")
            }
            if marker == "yes" && !flagged { missed.append("\(file) (\(notes.prefix(120)))") }
            if label == "ai" && marker != "yes" && flagged {
                print("METADATA extra: \(file): \(findings.filter(\.detected).map(\.detail))")
            }
        }
        for (group, entry) in tally.sorted(by: { $0.key < $1.key }) {
            print("METADATA \(group): \(entry.flagged)/\(entry.files) flagged")
        }
        for (name, count) in byName.sorted(by: { $0.key < $1.key }) { print("METADATA finding \(name): \(count)") }
        for file in missed { print("METADATA missed: \(file)") }
        for file in realFlagged { print("METADATA real flagged: \(file)") }
        print("METADATA unreadable containers: \(unreadable)")
        #expect(realFlagged.isEmpty)
        let yes = tally["ai gen_metadata=yes"] ?? (0, 0)
        #expect(yes.files > 0)
        #expect(yes.flagged + 1 >= yes.files)  // the one C2PA-only file is the C2PA verifier's job
    }
}
