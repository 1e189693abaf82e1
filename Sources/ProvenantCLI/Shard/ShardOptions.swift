import ArgumentParser
import Foundation
import Provenant

/// `--shard I/N`, `--shard-from-env` and `--shard-count N`: which part of the inputs a scan handles.
struct ShardOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Handle only shard I of N (0 ≤ I < N) of the inputs, split by a stable hash of each path.", valueName: "I/N"))
    var shard: String?

    @Flag(name: .long, help: "Take the shard index from JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or AWS_BATCH_JOB_ARRAY_INDEX.")
    var shardFromEnv = false

    @Option(name: .long, help: "The shard count with --shard-from-env (default: PROVENANT_SHARD_COUNT).")
    var shardCount: Int?

    /// Checks the combinations and the `--shard` syntax (usage errors); the environment is read later.
    func validate() throws {
        if shard != nil, shardFromEnv { throw ValidationError("--shard and --shard-from-env exclude each other") }
        if shardCount != nil, !shardFromEnv { throw ValidationError("--shard-count goes with --shard-from-env") }
        if let shard {
            do {
                _ = try ShardSpec.parse(shard)
            } catch {
                throw ValidationError(error.message)
            }
        }
    }

    /// The shard to handle, or `nil` for all inputs. An unusable environment is a configuration error.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ReportError) -> ShardSpec? {
        if let shard { return try ShardSpec.parse(shard) }
        if shardFromEnv { return try ShardSpec.fromEnvironment(environment, count: shardCount) }
        return nil
    }
}
