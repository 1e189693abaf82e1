import Foundation

/// How numbers are rounded before they enter a report, so that reports are stable byte for byte.
public enum ReportRounding {
    /// Rounds a probability (or any value in 0...1) to four decimals.
    public static func probability(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        return (value * 10_000).rounded() / 10_000 + 0  // + 0 turns -0 into 0
    }

    /// Rounds a log-odds value to four decimals.
    public static func logOdds(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        return (value * 10_000).rounded() / 10_000 + 0  // + 0 turns -0 into 0
    }

    /// A probability as a percentage with one decimal, for people (for example `97.3 %`); values that
    /// would round to 0 or 100 are written `< 0.1 %` and `> 99.9 %`.
    public static func percent(_ value: Double) -> String {
        if value > 0.999 { return "> 99.9 %" }
        if value < 0.001 { return "< 0.1 %" }
        return String(format: "%.1f %%", value * 100)
    }

    /// A log-odds change with an explicit sign and two decimals (for example `+5.00`).
    public static func signed(_ value: Double) -> String {
        String(format: "%+.2f", value)
    }
}
