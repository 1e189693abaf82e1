import Foundation

/// Reads the repository's own committed samples (`Samples/…`), found by walking up from this file to Package.swift.
public enum SampleFiles {
    /// An error for a sample that is not in the checkout.
    public struct Missing: Error { public let name: String }

    /// The bytes of `Samples/<name>`.
    public static func bytes(_ name: String, filePath: String = #filePath) throws -> [UInt8] {
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                let url = directory.appendingPathComponent("Samples").appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: url.path) else { throw Missing(name: name) }
                return [UInt8](data)
            }
            directory = directory.deletingLastPathComponent()
        }
        throw Missing(name: name)
    }
}
