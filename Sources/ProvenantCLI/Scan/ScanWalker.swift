import Foundation
import Provenant

/// Streams what a scan finds under its inputs, accounting for every one of them.
///
/// - Paths are reported as given: an input `photos` yields `photos/a.jpg`, `/abs` yields `/abs/a.jpg`
///   (trailing slashes are dropped). Folders are listed in byte order of their names, so runs repeat.
/// - Inputs named on the command line (or in `--files-from`) are followed when they are symbolic links,
///   like `find -H`. Inside folders, symbolic links are followed too unless `followSymlinks` is false,
///   with cycle detection: a folder (device and inode) is walked at most once.
/// - Without `recursive`, sub-folders are skipped and counted; hidden entries (dot names) are skipped.
/// - A folder that cannot be listed and a broken link become ``ScanEntry/failure(_:_:)``.
///
/// Memory holds the names of the folders on the current path plus the set of walked folders.
struct ScanWalker: Sequence, IteratorProtocol {
    private var pendingInputs: [String]
    private var stack: [(directory: String, names: [String], index: Int)] = []
    private var walked: Set<FileIdentity> = []
    private let recursive: Bool
    private let followSymlinks: Bool
    /// The input (as given, trailing slashes dropped) that the last entry returned was found under: the
    /// root its shard key is relative to (``ShardKey/key(path:root:)``).
    private(set) var currentInput = ""
    /// The position of ``currentInput`` among the inputs (-1 before the first).
    private(set) var currentInputIndex = -1
    /// Lists a folder's entry names (the file system, or a stand-in for tests).
    private let list: @Sendable (String) throws -> [String]

    init(
        inputs: [String], recursive: Bool, followSymlinks: Bool,
        list: @escaping @Sendable (String) throws -> [String] = { try FileManager.default.contentsOfDirectory(atPath: $0) }
    ) {
        self.list = list
        self.pendingInputs = inputs.reversed()
        self.recursive = recursive
        self.followSymlinks = followSymlinks
    }

    mutating func next() -> ScanEntry? {
        while true {
            if var top = stack.popLast() {
                guard top.index < top.names.count else { continue }
                let name = top.names[top.index]
                top.index += 1
                stack.append(top)
                let path = top.directory == "/" ? "/" + name : top.directory + "/" + name
                if name.hasPrefix(".") { return .skipped(path, .hidden) }
                if let entry = visit(path, named: false) { return entry }
                continue
            }
            guard let input = pendingInputs.popLast() else { return nil }
            currentInput = Self.trimmed(input)
            currentInputIndex += 1
            if let entry = visit(currentInput, named: true) { return entry }
        }
    }

    /// Classifies one path; pushes a folder to walk and returns `nil`, or returns the entry.
    private mutating func visit(_ path: String, named: Bool) -> ScanEntry? {
        guard let link = FileStatus(path, followLinks: false) else {
            if path == "-" { return .failure(path, ReportError(code: "input.stdin", message: "scan cannot read an image from standard input; use check -")) }
            if errno == EACCES {
                return .failure(path, ReportError(code: "io.unreadable", message: "cannot reach \(path): permission denied"))
            }
            return .failure(path, ReportError(code: "io.not_found", message: "no such file or folder: \(path)"))
        }
        var status = link
        if link.kind == .symlink {
            if !named, !followSymlinks { return .skipped(path, .symlink) }
            guard let target = FileStatus(path, followLinks: true) else {
                return .failure(path, ReportError(code: "io.broken_link", message: "\(path) is a symbolic link to nothing"))
            }
            status = target
        }
        switch status.kind {
        case .regular:
            return .file(path)
        case .directory:
            if !named, !recursive { return .skipped(path, .subfolder) }
            guard walked.insert(status.identity).inserted else { return .skipped(path, .alreadyWalked) }
            do {
                let names = try list(path).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                stack.append((path, names, 0))
                return nil
            } catch {
                return .failure(
                    path, ReportError(code: "io.unreadable_folder", message: "cannot list the folder \(path): \(FileReader.reason(error))"))
            }
        case .symlink, .other:
            return .skipped(path, .special)
        }
    }

    /// The input without trailing slashes (`/` stays `/`).
    static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}

/// A file's device and inode: the identity used for cycle detection.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
}

/// What `stat`/`lstat` say about a path.
struct FileStatus {
    enum Kind { case regular, directory, symlink, other }
    var kind: Kind
    var identity: FileIdentity

    init?(_ path: String, followLinks: Bool) {
        var info = stat()
        let result = followLinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
