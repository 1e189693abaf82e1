import Foundation

/// Numerically safe logistic helpers.
public enum LogisticFunction {
    /// `1 / (1 + e^−x)` without overflow.
    public static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }

    /// `log(1 + e^x)` without overflow.
    public static func softplus(_ x: Double) -> Double {
        x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))
    }
}
