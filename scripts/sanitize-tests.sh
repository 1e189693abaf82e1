#!/usr/bin/env bash
# Runs the tests of the C boundary under AddressSanitizer (LeakSanitizer included) and
# UndefinedBehaviorSanitizer: the C shims (libjpeg-turbo/libpng, setjmp/longjmp error paths), the
# Swift code that calls them, and the container parsers. Any sanitizer report fails the run.
#
# usage: scripts/sanitize-tests.sh [TEST_FILTER]   (default: ImageDecodingTests|ImageContainersTests)
# Builds into .build-asan so the normal build is untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
filter=${1:-ImageDecodingTests|ImageContainersTests}
# swiftc has no UndefinedBehaviorSanitizer on Linux (Swift code traps on overflow and bounds by itself), so
# UBSan is passed to clang for the C code only; the AddressSanitizer runtime carries its handlers.
flags=(--scratch-path .build-asan --sanitize address -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined)

swift build --build-tests "${flags[@]}"

# halt_on_error turns every UBSan report into a crash; detect_leaks runs LeakSanitizer at exit, after
# every error path of the tests (corrupt and truncated JPEG/PNG, hostile headers, the robustness corpus).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# The Swift runtime's backtracer reads the crashed process's memory with plain memcpy, which ASan itself
# intercepts: after a sanitizer abort it spins forever instead of exiting. Turn it off so a finding ends the run.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan.supp:print_suppressions=0}
# The suites are Swift Testing ones, so the XCTest runner (it has no tests) is not started: on exit it leaks
# two objects of its own (XCTest 6.3.1's SuiteRun, 144 bytes), which LeakSanitizer reports and which fail
# `swift test` although every test passed.
swift test --skip-build --disable-xctest "${flags[@]}" --filter "$filter"
