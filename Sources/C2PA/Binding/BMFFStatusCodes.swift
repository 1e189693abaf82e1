extension StatusCode {
    /// The BMFF hash matched.
    public static let bmffHashMatch: StatusCode = "assertion.bmffHash.match"
    /// The BMFF hash did not match the asset.
    public static let bmffHashMismatch: StatusCode = "assertion.bmffHash.mismatch"
    /// The BMFF hash assertion could not be read.
    public static let bmffHashMalformed: StatusCode = "assertion.bmffHash.malformed"
}
