import Foundation

/// Streams the regular files under the given paths without holding the whole listing in memory.
///
/// A file argument is yielded as given; a directory is walked (one level, or every level with
/// `recursive`). Hidden files are skipped inside directories. Paths that do not exist are yielded too,
/// so that the scan records them as errors.
struct PathWalker: Sequence, IteratorProtocol {
    private var pending: [String]
    private var enumerator: FileManager.DirectoryEnumerator?
    private let recursive: Bool

    init(paths: [String], recursive: Bool) {
        self.pending = paths.reversed()
        self.recursive = recursive
    }

    mutating func next() -> String? {
        while true {
            if let enumerator {
                while let url = enumerator.nextObject() as? URL {
                    let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
                    if values?.isDirectory == true {
                        if !recursive { enumerator.skipDescendants() }
                        continue
                    }
                    if values?.isRegularFile == true { return url.path }
                }
                self.enumerator = nil
            }
            guard let path = pending.popLast() else { return nil }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                enumerator = FileManager.default.enumerator(
                    at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey],
                    options: [.skipsHiddenFiles])
                continue
            }
            return path
        }
    }
}
