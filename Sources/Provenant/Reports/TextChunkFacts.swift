/// A PNG text chunk: `{"keyword", "chunk_type", "text", "length", "truncated"}`.
///
/// `text` is the whole text up to ``maxCharacters`` (64 Ki characters); `length` is the full length in
/// characters and `truncated` says whether `text` was cut.
public struct TextChunkFacts: Sendable, Hashable, Encodable {
    /// The most characters kept in ``text``.
    public static let maxCharacters = 65_536
    /// The chunk's keyword (for example `parameters`).
    public var keyword: String
    /// `tEXt`, `zTXt` or `iTXt`.
    public var chunkType: String
    /// The text, whole up to ``maxCharacters``.
    public var text: String
    /// The full text's length in characters.
    public var length: Int
    /// Whether ``text`` was cut at ``maxCharacters``.
    public var truncated: Bool

    /// Creates a text chunk summary, bounding the text.
    public init(keyword: String, chunkType: String, text: String) {
        self.keyword = keyword
        self.chunkType = chunkType
        self.length = text.count
        self.truncated = length > Self.maxCharacters
        self.text = truncated ? String(text.prefix(Self.maxCharacters)) : text
    }

    enum CodingKeys: String, CodingKey {
        case keyword
        case chunkType = "chunk_type"
        case text, length, truncated
    }
}
