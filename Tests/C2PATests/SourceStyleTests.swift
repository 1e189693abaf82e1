import Foundation
import Testing

/// Style rules of the C2PA library sources that a test can check mechanically: every public
/// declaration has a doc comment, and library code has no `try!`, `as!` or force unwrap of a
/// trailing `!` before a member access or call.
@Suite("C2PA source style")
struct SourceStyleTests {
    /// The `.swift` files under Sources/C2PA with their lines.
    static func sources() throws -> [(name: String, lines: [String])] {
        guard let root = ConformanceTests.packageRoot?.appendingPathComponent("Sources/C2PA") else { return [] }
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var result: [(String, [String])] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            result.append((url.lastPathComponent, text.components(separatedBy: "\n")))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    static var publicDeclaration: Regex<(Substring, Substring?, Substring?, Substring?, Substring)> { #/^\s*(@[\w()]+\s+)*public\s+((static|final|mutating|nonisolated|override|private\(set\))\s+)*(func|var|let|struct|enum|class|init|protocol|typealias|subscript|case)\b/# }

    @Test("every public declaration has a /// doc comment")
    func publicSymbolsDocumented() throws {
        var missing: [String] = []
        for (name, lines) in try Self.sources() {
            for (index, line) in lines.enumerated() where line.firstMatch(of: Self.publicDeclaration) != nil {
                var above = index - 1
                while above >= 0, lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("@") { above -= 1 }
                let previous = above >= 0 ? lines[above].trimmingCharacters(in: .whitespaces) : ""
                if !previous.hasPrefix("///") && !previous.hasSuffix("*/") { missing.append("\(name):\(index + 1)") }
            }
        }
        #expect(missing == [])
    }

    @Test("no try!, as! or force unwraps in library code")
    func noForcedOperations() throws {
        var found: [String] = []
        let forced = #/try!|as!|[\w\)\]]!(\.|\(|\[|\s*$)/#
        for (name, lines) in try Self.sources() {
            for (index, line) in lines.enumerated() {
                let code = line.components(separatedBy: "//").first ?? line
                if code.firstMatch(of: forced) != nil { found.append("\(name):\(index + 1)") }
            }
        }
        #expect(found == [])
    }
}
