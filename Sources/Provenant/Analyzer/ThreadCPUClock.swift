#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CPU time consumed by the calling thread, in seconds.
///
/// Each analysis runs its stages synchronously on one thread, so differences of this clock measure
/// what a stage cost in CPU, unaffected by other processes competing for the cores.
enum ThreadCPUClock {
    static func now() -> Double {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return 0 }
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
