import ArgumentParser

/// The bound checks of the limit option groups (``LimitOptions``, ``DecodeBudgetOptions``, ``VideoOptions``):
/// each group lists its options with the bound they must respect, and the wording of the usage error
/// (exit status 64) is made here once.
enum LimitBounds {
    /// Every count given must be at least `minimum` ("must be at least 1", or "must not be negative" for 0).
    static func require(_ options: KeyValuePairs<String, Int?>, atLeast minimum: Int) throws {
        for (name, value) in options {
            guard let value, value < minimum else { continue }
            throw ValidationError(minimum == 0 ? "\(name) must not be negative" : "\(name) must be at least \(minimum)")
        }
    }

    /// Every size given must be at least one byte.
    static func requireBytes(_ options: KeyValuePairs<String, ByteCount?>) throws {
        for (name, value) in options {
            guard let value, value.bytes < 1 else { continue }
            throw ValidationError("\(name) must be at least 1 byte")
        }
    }

    /// Every number of seconds given must be positive (NaN is refused too).
    static func requirePositive(_ options: KeyValuePairs<String, Double?>) throws {
        for (name, value) in options {
            guard let value, !(value > 0) else { continue }
            throw ValidationError("\(name) must be positive")
        }
    }
}
