import Foundation

/// Locates `../shared` beside the package root (found by walking up from this file to Package.swift).
enum SharedData {
    static var root: URL? {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                let shared = directory.deletingLastPathComponent().appendingPathComponent("shared")
                return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// The directory `data/<name>` under the shared root, when it exists.
    static func dataDirectory(_ name: String) -> URL? {
        guard let root else { return nil }
        let url = root.appendingPathComponent("data").appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Every regular file under `directory`, sorted by path, with paths relative to it.
    static func files(under directory: URL) -> [(relative: String, url: URL)] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var result: [(String, URL)] = []
        let prefix = directory.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            result.append((path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path, url))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    static func bytes(_ url: URL) -> [UInt8]? {
        (try? Data(contentsOf: url)).map { [UInt8]($0) }
    }
}
