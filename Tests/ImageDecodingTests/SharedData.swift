import Foundation

/// Locates the developer data set `../shared` relative to the package root.
enum SharedData {
    /// The package root: the nearest ancestor of this file holding Package.swift.
    static var packageRoot: URL? {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<10 {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// `../shared/data/<name>` when it exists.
    static func directory(_ name: String) -> URL? {
        guard let root = packageRoot else { return nil }
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/data/\(name)")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { return nil }
        return url
    }

    /// Every regular file under `directory`, sorted by path.
    static func files(under directory: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        var urls: [URL] = []
        for case let url as URL in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                urls.append(url)
            }
        }
        return urls.sorted { $0.path < $1.path }
    }

    /// The bytes of a file.
    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }
}
