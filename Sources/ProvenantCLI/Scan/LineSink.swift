import Foundation

/// Where scan result lines go: a file (created, or appended to on resume) or standard output.
final class LineSink {
    private let handle: FileHandle?
    private let console: any Console

    init(outputPath: String?, append: Bool, console: any Console) throws {
        self.console = console
        guard let outputPath else {
            handle = nil
            return
        }
        let url = URL(fileURLWithPath: outputPath)
        if !append || !FileManager.default.fileExists(atPath: outputPath) {
            guard FileManager.default.createFile(atPath: outputPath, contents: nil) else {
                throw ScanError(message: "cannot create the output file \(outputPath)")
            }
        }
        handle = try FileHandle(forWritingTo: url)
        try handle?.seekToEnd()
    }

    /// Whether the output file already holds data (so CSV needs no new header).
    var isEmptyFile: Bool {
        guard let handle else { return true }
        return ((try? handle.offset()) ?? 0) == 0
    }

    func write(line: String) throws {
        if let handle {
            try handle.write(contentsOf: Data((line + "\n").utf8))
        } else {
            console.out(line + "\n")
        }
    }

    func close() throws {
        try handle?.synchronize()
        try handle?.close()
    }
}
