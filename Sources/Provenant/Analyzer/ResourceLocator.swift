import Foundation

/// Finds the installed resources — the `Models` directory (every model file together) and the default
/// C2PA trust directory — without the source tree.
///
/// Roots are searched in this documented order; the first root holding the wanted directory wins:
/// 1. the SwiftPM resource bundle beside the executable (`Provenant_Provenant.resources`, or
///    `Provenant_Provenant.bundle` on Apple platforms), for packagers who ship one;
/// 2. beside the executable: `<bin>/Models`, then the installed layout `<bin>/../share/provenant/Models`;
/// 3. `$PROVENANT_HOME/Models`;
/// 4. a source checkout the executable was built in (`<checkout>/.build/<config>/provenant`: the nearest
///    ancestor holding `Package.swift` and `Models/`), so `swift run` and `swift test` work.
///
/// The trust directory is looked up the same way under the name `trust` (`share/provenant/trust`,
/// `$PROVENANT_HOME/trust`). An explicit `--model` or `PROVENANT_MODEL` file always comes first.
public struct ResourceLocator: Sendable {
    /// Where a root came from.
    public enum Origin: String, Sendable, Hashable, CaseIterable {
        /// The SwiftPM resource bundle beside the executable.
        case resourceBundle = "resource_bundle"
        /// Beside the executable (or the installed `share/provenant`).
        case executable
        /// `$PROVENANT_HOME`.
        case home = "provenant_home"
        /// A source checkout the executable was built in.
        case checkout
    }

    /// One directory that may hold `Models/` and `trust/`.
    public struct Root: Sendable, Hashable {
        /// The directory.
        public var path: String
        /// Why it is searched.
        public var origin: Origin
    }

    /// The environment variable naming an installation directory holding `Models/` and `trust/`.
    public static let homeVariable = "PROVENANT_HOME"
    /// The name of the models directory under a root.
    public static let modelsDirectoryName = "Models"
    /// The name of the trust directory under a root.
    public static let trustDirectoryName = "trust"

    /// The search roots, in order.
    public let roots: [Root]

    /// A locator for the running process (its executable and environment).
    public init() {
        let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().path
        self.init(executablePath: executable, environment: ProcessInfo.processInfo.environment)
    }

    /// A locator for a given executable path and environment (for tests and tools).
    public init(executablePath: String?, environment: [String: String]) {
        var roots: [Root] = []
        if let executablePath {
            let bin = (executablePath as NSString).deletingLastPathComponent
            for bundle in ["Provenant_Provenant.resources", "Provenant_Provenant.bundle/Contents/Resources", "Provenant_Provenant.bundle"] {
                roots.append(Root(path: bin + "/" + bundle, origin: .resourceBundle))
            }
            roots.append(Root(path: bin, origin: .executable))
            roots.append(Root(path: ((bin as NSString).deletingLastPathComponent as NSString).appendingPathComponent("share/provenant"), origin: .executable))
        }
        if let home = environment[Self.homeVariable], !home.isEmpty {
            roots.append(Root(path: home, origin: .home))
        }
        if let executablePath {
            var directory = (executablePath as NSString).deletingLastPathComponent
            for _ in 0..<6 {
                let parent = (directory as NSString).deletingLastPathComponent
                if parent == directory { break }
                directory = parent
                if FileManager.default.fileExists(atPath: directory + "/Package.swift") {
                    roots.append(Root(path: directory, origin: .checkout))
                    break
                }
            }
        }
        self.roots = roots
    }

    /// The first `Models` directory holding at least one `.json` model file, and the root it was found under.
    public func modelsDirectory() -> (path: String, root: Root)? {
        for root in roots {
            let path = root.path + "/" + Self.modelsDirectoryName
            let files = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if files.contains(where: { $0.hasSuffix(".json") }) { return (path, root) }
        }
        return nil
    }

    /// The first `trust` directory found, and the root it was found under.
    public func trustDirectory() -> (path: String, root: Root)? {
        for root in roots {
            let path = root.path + "/" + Self.trustDirectoryName
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                return (path, root)
            }
        }
        return nil
    }
}
