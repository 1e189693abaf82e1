import Provenant

/// One thing a scan met while walking its inputs: every input ends as exactly one of these.
enum ScanEntry: Sendable, Equatable {
    /// A regular file to classify and analyse.
    case file(String)
    /// An input that could not be walked (a folder that cannot be listed, a broken link, a missing path);
    /// it is written to the output as an error report.
    case failure(String, ReportError)
    /// An input deliberately not analysed, with the reason; counted, and named with `--verbose`.
    case skipped(String, ScanSkipReason)
}

/// Why a scan did not analyse an input.
enum ScanSkipReason: String, Sendable, CaseIterable {
    /// A sub-folder met without `--recursive`.
    case subfolder = "sub-folder (not recursive)"
    /// A hidden file or folder (its name starts with a dot).
    case hidden = "hidden"
    /// A symbolic link, with `--no-follow-symlinks`.
    case symlink = "symbolic link (not followed)"
    /// A folder already walked (a symbolic-link cycle, or two links to one folder).
    case alreadyWalked = "folder already scanned (symbolic-link cycle or duplicate)"
    /// A FIFO, socket or device.
    case special = "not a regular file"
    /// The scan's own output file.
    case outputFile = "the scan's output file"
    /// Not an image (judged from its first bytes).
    case notImage = "not an image"
    /// An image in a format Provenant cannot read yet.
    case unsupported = "unsupported image format"
    /// Already in the output (`--resume`).
    case resumed = "already in the output"
}
