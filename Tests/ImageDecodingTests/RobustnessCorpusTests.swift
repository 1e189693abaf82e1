import Foundation
import ImageDecoding
import Testing

@Suite struct RobustnessCorpusTests {
    /// Every file in ../shared/data/robustness either decodes or fails with a DecodeError, in well
    /// under two seconds; files the manifest marks valid decode (or are reported as an unsupported
    /// format variant, such as 12-bit JPEG). A crash or hang would fail the whole run.
    @Test func everyFileDecodesOrFailsCleanly() throws {
        guard let directory = SharedData.directory("robustness") else {
            print("skipping: ../shared/data/robustness is not present")
            return
        }
        let expectations = Self.manifest(directory.appendingPathComponent("manifest.csv"))
        #expect(expectations.values.filter { $0 == "valid" }.count > 100, "manifest not read")
        var decoded = 0
        var failed = 0
        var coefficientReads = 0
        let clock = ContinuousClock()
        for url in SharedData.files(under: directory) {
            let ext = url.pathExtension.lowercased()
            guard ext != "csv", ext != "md" else { continue }
            let name = String(url.path.dropFirst(directory.path.count + 1))
            let bytes = try SharedData.bytes(url)
            let start = clock.now
            do {
                let image = try ImageDecoder.decode(bytes)
                #expect(image.rgb.pixels.count == image.width * image.height * 3)
                decoded += 1
                // The region path (skip/crop scanlines) must be as robust as the full decode.
                let region = PixelRegion(
                    x: image.width / 3, y: image.height / 3, width: max(1, image.width / 3),
                    height: max(1, image.height / 3))
                _ = try? ImageDecoder.decode(bytes, options: DecodeOptions(region: region))
            } catch {
                #expect(!error.message.isEmpty, "\(name): empty message")
                if expectations[name] == "valid" {
                    #expect(error.code == .unsupportedFormat, "\(name) is valid but failed: \(error)")
                }
                failed += 1
            }
            if (try? JPEGCoefficientReader.read(bytes)) != nil { coefficientReads += 1 }
            _ = try? ImageDecoder.decode(bytes, options: DecodeOptions(scale: .quarter))
            #expect(clock.now - start < .seconds(2), "\(name) took \(clock.now - start)")
        }
        print("robustness corpus: \(decoded) decoded, \(failed) failed with DecodeError, \(coefficientReads) coefficient reads")
        #expect(decoded > 0)
    }

    /// `file` → `expected` from the corpus manifest (quoted CSV fields allowed).
    static func manifest(_ url: URL) -> [String: String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var result: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = csvFields(String(line))
            if fields.count >= 2 { result[fields[0]] = fields[1] }
        }
        return result
    }

    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var previousWasQuote = false
        for character in line {
            if quoted {
                if character == "\"" {
                    quoted = false
                    previousWasQuote = true
                } else {
                    current.append(character)
                }
                continue
            }
            if character == "\"" {
                if previousWasQuote { current.append("\"") }
                quoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previousWasQuote = false
        }
        fields.append(current)
        return fields
    }
}
