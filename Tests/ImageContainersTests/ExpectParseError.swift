import ByteParsing
import Testing

/// Expects `body` to throw a ``ParseError`` with `code` and, when given, exactly `offset`
/// (`#expect(throws:)` alone compares codes only, because ParseError equality ignores offsets).
func expectParseError<T>(
    _ code: ParseError.Code, at offset: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(ParseError) -> T
) {
    do {
        _ = try body()
        Issue.record("expected \(code), but no error was thrown", sourceLocation: sourceLocation)
    } catch {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let offset { #expect(error.offset == offset, "\(error)", sourceLocation: sourceLocation) }
    }
}
