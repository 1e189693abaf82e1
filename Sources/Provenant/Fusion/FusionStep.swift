/// One line of a fusion explanation: a signal and how it moved the log-odds.
public struct FusionStep: Sendable, Hashable, Codable {
    /// The kind of the signal (`prior` for the starting point).
    public var kind: String
    /// The signal's name.
    public var name: String
    /// The change in natural-log odds this signal caused (0 when it was reported but not counted).
    public var logOddsChange: Double
    /// Why the signal moved the odds by that much, or why it did not.
    public var reason: String

    /// Creates a step.
    public init(kind: String, name: String, logOddsChange: Double, reason: String) {
        self.kind = kind
        self.name = name
        self.logOddsChange = logOddsChange
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case kind, name
        case logOddsChange = "log_odds_change"
        case reason
    }
}
