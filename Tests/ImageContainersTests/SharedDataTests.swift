import ProvenantTestSupport
import ByteParsing
import Foundation
import ImageContainers
import Testing

/// Runs the parser over the development corpora in ../shared, when present.
@Suite("Shared data corpora")
struct SharedDataTests {
    @Test("every robustness file parses or throws a typed ParseError")
    func robustnessCorpus() throws {
        guard let directory = SharedData.dataDirectory("robustness") else {
            print("skipping: ../shared/data/robustness is not present")
            return
        }
        let files = SharedData.files(under: directory).filter { !$0.relative.hasSuffix(".csv") && !$0.relative.hasSuffix(".md") }
        #expect(files.count > 100)
        var parsed = 0
        var codes: [String: Int] = [:]
        var validButRejected: [String] = []
        let expected = Self.robustnessExpectations(directory)
        let clock = ContinuousClock()
        for file in files {
            guard let bytes = SharedData.bytes(file.url) else { continue }
            let start = clock.now
            do {
                let info = try ContainerParser.parse(bytes)
                #expect(info.width > 0 && info.height > 0, "\(file.relative)")
                parsed += 1
            } catch {
                codes[error.code.rawValue, default: 0] += 1
                #expect(!error.message.isEmpty)
                if expected[file.relative] == "valid" { validButRejected.append("\(file.relative): \(error)") }
            }
            let elapsed = clock.now - start
            #expect(elapsed < .seconds(2), "\(file.relative) took \(elapsed)")
        }
        print("robustness: \(files.count) files, \(parsed) parsed, errors by code: \(codes.sorted { $0.key < $1.key })")
        print("robustness: \(validButRejected.count) of \(expected.values.filter { $0 == "valid" }.count) files listed as valid were rejected")
        #expect(validButRejected.isEmpty)
        for line in validButRejected { print("  \(line)") }
    }

    @Test("detect corpus: camera make/model and generator text chunks are surfaced")
    func detectCorpus() throws {
        guard let directory = SharedData.dataDirectory("detect"),
            let csv = try? String(contentsOf: directory.appendingPathComponent("labels.csv"), encoding: .utf8)
        else {
            print("skipping: ../shared/data/detect is not present")
            return
        }
        let rows = CSV.parse(csv)
        guard let header = rows.first, let fileColumn = header.firstIndex(of: "file"),
            let notesColumn = header.firstIndex(of: "notes")
        else {
            Issue.record("labels.csv has no file/notes columns")
            return
        }
        let transformColumn = header.firstIndex(of: "transform")
        var parsed = 0
        var failures: [String] = []
        var makesExpected = 0
        var makesFound = 0
        var makeMismatches: [String] = []
        var makeMissing: [String] = []
        var keywordCounts: [String: Int] = [:]
        var metadataExpected = 0
        var metadataMissing: [String] = []
        let clock = ContinuousClock()
        var slowest: (String, Duration) = ("", .zero)
        let started = clock.now
        for row in rows.dropFirst() where row.count > max(fileColumn, notesColumn) {
            let relative = row[fileColumn]
            let notes = row[notesColumn]
            guard let bytes = SharedData.bytes(directory.appendingPathComponent(relative)) else { continue }
            let start = clock.now
            let info: ContainerInfo
            do {
                info = try ContainerParser.parse(bytes)
            } catch {
                failures.append("\(relative): \(error)")
                continue
            }
            let elapsed = clock.now - start
            if elapsed > slowest.1 { slowest = (relative, elapsed) }
            parsed += 1
            for chunk in info.metadata.textChunks { keywordCounts[chunk.keyword, default: 0] += 1 }
            if let make = Notes.value("make", in: notes), !make.isEmpty {
                makesExpected += 1
                if info.metadata.exif?.make == nil { makeMissing.append("\(relative): no EXIF make (label: \(make))") }
                if let found = info.metadata.exif?.make {
                    makesFound += 1
                    // The labels were written by a tool that did not stop at NUL, so the label may
                    // continue past the stored string (for example "ION230" NUL "F..."); compare prefixes.
                    if !make.lowercased().hasPrefix(found.lowercased()) {
                        makeMismatches.append("\(relative): \(found) vs \(make)")
                    }
                    if let model = Notes.value("model", in: notes), !model.isEmpty {
                        let foundModel = info.metadata.exif?.model?.lowercased() ?? "<none>"
                        #expect(model.lowercased().hasPrefix(foundModel), "\(relative): \(foundModel) vs \(model)")
                    }
                }
            }
            let transformed = transformColumn.map { row[$0].hasPrefix("none") == false } ?? false
            for item in Notes.metadataItems(in: notes) {
                // Notes describe the original file; a re-encoded crop keeps text chunks but not caBX.
                if transformed && item.hasPrefix("png:caBX") { continue }
                metadataExpected += 1
                if !Self.has(item, info) { metadataMissing.append("\(relative): \(item)") }
            }
        }
        let total = clock.now - started
        print(
            "detect: \(parsed) parsed, \(failures.count) failed in \(total) (slowest \(slowest.0) \(slowest.1)); "
                + "makes \(makesFound)/\(makesExpected); metadata items \(metadataExpected - metadataMissing.count)/\(metadataExpected)")
        for line in (failures + makeMismatches + metadataMissing + makeMissing).prefix(40) { print("  \(line)") }
        #expect(failures.isEmpty)
        #expect(makeMismatches.isEmpty)
        #expect(metadataMissing.isEmpty)
        #expect(makesExpected > 0 && makesFound * 100 >= makesExpected * 99, "found \(makesFound) of \(makesExpected) makes")
        print("detect: text chunk keywords: \(keywordCounts.sorted { $0.value > $1.value }.prefix(15))")
        for keyword in ["prompt", "workflow", "Software", "Title"] {
            #expect(keywordCounts[keyword, default: 0] > 0, "no file surfaced a \(keyword) text chunk")
        }
    }

    @Test("cut and corrupted corpus files never crash the parser")
    func corpusCutsAndCorruption() {
        guard let directory = SharedData.dataDirectory("detect") else {
            print("skipping: ../shared/data/detect is not present")
            return
        }
        let files = SharedData.files(under: directory).filter { !$0.relative.hasSuffix(".csv") && !$0.relative.hasSuffix(".md") }
        var generator = SplitMix64(seed: 11)
        var outcomes: [String: Int] = [:]
        // Every 20th file: 48 cut points, plus 48 corrupted copies (8 random bytes overwritten each).
        for file in files.enumerated().filter({ $0.offset % 20 == 0 }).map(\.element) {
            guard let bytes = SharedData.bytes(file.url), bytes.count > 16 else { continue }
            for step in 1...48 {
                let cut = bytes.count * step / 49
                do {
                    _ = try ContainerParser.parse(Array(bytes.prefix(cut)))
                    outcomes["cut ok", default: 0] += 1
                } catch {
                    outcomes["cut " + error.code.rawValue, default: 0] += 1
                }
                var corrupted = bytes
                for _ in 0..<8 {
                    corrupted[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
                do {
                    _ = try ContainerParser.parse(corrupted)
                    outcomes["corrupt ok", default: 0] += 1
                } catch {
                    outcomes["corrupt " + error.code.rawValue, default: 0] += 1
                }
            }
        }
        print("corpus cuts/corruption: \(outcomes.sorted { $0.key < $1.key })")
        #expect(outcomes.values.reduce(0, +) > 1_000)
    }

    @Test("C2PA fixtures: hasC2PA matches the reference's embedded-manifest flag")
    func c2paFixtures() throws {
        guard let root = SharedData.root?.appendingPathComponent("c2pa"),
            let text = try? String(contentsOf: root.appendingPathComponent("expected.jsonl"), encoding: .utf8)
        else {
            print("skipping: ../shared/c2pa/expected.jsonl is not present")
            return
        }
        var checked = 0
        for line in text.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let path = object["path"] as? String, let hasManifest = object["has_manifest"] as? Bool,
                let bytes = SharedData.bytes(root.appendingPathComponent(path))
            else { continue }
            let embedded = object["embedded"] as? Bool
            let info = try ContainerParser.parse(bytes)
            if embedded == true { #expect(info.metadata.hasC2PA, "\(path)") }
            if !hasManifest { #expect(!info.metadata.hasC2PA, "\(path)") }
            if hasManifest && embedded == false, let remote = object["remote_url"] as? String {
                // Remote manifests are announced by dcterms:provenance in XMP.
                #expect(info.metadata.xmp?.provenance == remote, "\(path)")
            }
            checked += 1
        }
        print("c2pa: \(checked) fixtures checked")
        #expect(checked > 50)
    }

    /// The `expected` column of robustness/manifest.csv by file.
    static func robustnessExpectations(_ directory: URL) -> [String: String] {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("manifest.csv"), encoding: .utf8) else {
            return [:]
        }
        let rows = CSV.parse(text)
        guard let header = rows.first, let file = header.firstIndex(of: "file"),
            let expected = header.firstIndex(of: "expected")
        else { return [:] }
        var result: [String: String] = [:]
        for row in rows.dropFirst() where row.count > max(file, expected) { result[row[file]] = row[expected] }
        return result
    }

    /// Whether a `gen_metadata` item from labels.csv (for example `png-text:prompt`) is present in `info`.
    static func has(_ item: String, _ info: ContainerInfo) -> Bool {
        let metadata = info.metadata
        if item.hasPrefix("png-text:") {
            let keyword = String(item.dropFirst("png-text:".count))
            return metadata.textChunks.contains { $0.keyword == keyword }
        }
        if item.hasPrefix("exif:UserComment") { return metadata.exif?.userComment != nil }
        if item.hasPrefix("png:caBX") { return metadata.hasC2PA }
        if item.hasPrefix("xmp") { return metadata.xmp != nil }
        if item.hasPrefix("jpeg:COM") { return !metadata.comments.isEmpty }
        if item.hasPrefix("jpeg:APP") {
            let number = Int(item.dropFirst("jpeg:APP".count).prefix { $0.isNumber }) ?? -1
            return info.jpeg?.applicationSegments.contains { $0.number == number } ?? false
        }
        return true
    }
}

/// Reads the `key=value; ...` notes column of labels.csv.
enum Notes {
    static func value(_ key: String, in notes: String) -> String? {
        for part in notes.split(separator: ";") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(key + "=") { return String(trimmed.dropFirst(key.count + 1)) }
        }
        return nil
    }

    /// The items of `gen_metadata=yes:a;b` / `gen_metadata=no:a` (the list runs to the next `; ` part).
    static func metadataItems(in notes: String) -> [String] {
        guard let range = notes.range(of: "gen_metadata=") else { return [] }
        var rest = notes[range.upperBound...]
        if rest.hasPrefix("none") { return [] }
        if rest.hasPrefix("yes:") { rest = rest.dropFirst(4) } else if rest.hasPrefix("no:") { rest = rest.dropFirst(3) }
        // Note parts are separated by "; ", items within the list by ";" alone.
        let list = rest.components(separatedBy: "; ").first ?? ""
        return list.split(separator: ";").map { String($0) }.filter { !$0.isEmpty }
    }
}

/// A small RFC 4180 CSV reader for labels files.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text).makeIterator()
        var pending: Character?
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\n", "\r\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            case "\r": break
            default: field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
