extension StatusCode {
    /// The BMFF hash matched.
    public static let bmffHashMatch = "assertion.bmffHash.match"
    /// The BMFF hash did not match the asset.
    public static let bmffHashMismatch = "assertion.bmffHash.mismatch"
    /// The BMFF hash assertion could not be read.
    public static let bmffHashMalformed = "assertion.bmffHash.malformed"
}
