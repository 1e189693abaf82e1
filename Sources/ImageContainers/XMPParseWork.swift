/// The work one ``XMPParser`` scan did, counted in operations rather than seconds, so that tests can
/// bound the cost of hostile packets exactly and on any machine.
struct XMPParseWork: Sendable, Equatable {
    /// Tokens (start tags, end tags, text runs) the tokenizer handed over.
    var tokens = 0
    /// Attribute names resolved against the namespace scope (only those with a local name worth reading).
    var attributesResolved = 0
    /// Open elements looked at while matching end tags to the elements they close.
    var stackEntriesVisited = 0
}
