// Where the built `kpi` executable is, and running it to completion (for `kpi --version` and
// the exit statuses of `kpi lsp`). `swift test` builds the `kpi` product along with the tests,
// into the same products folder as the test bundle, so the tests look there first.

import Foundation

public enum KPIExecutable {
    /// The `kpi` binary: `$KPI_EXECUTABLE` when set, else the products folder the tests run
    /// from (the test bundle's folder, whatever `--scratch-path` was used), else the package's
    /// `.build/debug/kpi`.
    public static func url() throws -> URL {
        let candidates = candidateFolders().map { $0.appendingPathComponent("kpi") }
        if let override = ProcessInfo.processInfo.environment["KPI_EXECUTABLE"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue { return candidate }
        }
        throw LSPTestClient.Failure(
            """
            cannot find the `kpi` executable; looked for:
            \(candidates.map { "  " + $0.path }.joined(separator: "\n"))
            Build it with `swift build --product kpi` (with the same --scratch-path as the tests), or set KPI_EXECUTABLE.
            """)
    }

    /// Folders that may hold the products of this build, most specific first.
    static func candidateFolders() -> [URL] {
        var folders: [URL] = []
        func add(_ url: URL) {
            let folder = url.standardizedFileURL
            if !folders.contains(folder) { folders.append(folder) }
        }
        // macOS: the `.xctest` bundle sits in the products folder; Linux: the test runner is an
        // executable `*.xctest` in the products folder, and it is `arguments[0]`.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            add(bundle.bundleURL.deletingLastPathComponent())
        }
        if let first = ProcessInfo.processInfo.arguments.first, first.contains("/") {
            let runner = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            add(runner.deletingLastPathComponent())
            // `…/kpiPackageTests.xctest/Contents/MacOS/kpiPackageTests` on macOS.
            var folder = runner.deletingLastPathComponent()
            while folder.path != "/" && !folder.path.isEmpty {
                if folder.pathExtension == "xctest" {
                    add(folder.deletingLastPathComponent())
                    break
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        add(Bundle.main.bundleURL)
        add(Bundle.main.bundleURL.deletingLastPathComponent())
        add(Fixtures.packageRoot.appendingPathComponent(".build/debug"))
        return folders
    }

    public struct Run: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// `kpi` (or `executable`) with `arguments`, not started yet, its standard streams on pipes.
    static func pipedProcess(
        _ arguments: [String], executable: URL? = nil, currentDirectory: URL? = nil
    ) throws -> (process: Process, stdin: Pipe, stdout: Pipe, stderr: Pipe) {
        let process = Process()
        process.executableURL = try executable ?? url()
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        return (process, stdin, stdout, stderr)
    }

    /// Runs `kpi` with arguments and input to completion; kills it and fails after the timeout.
    public static func run(_ arguments: [String], input: [UInt8] = [], timeout: TimeInterval = LSPTestClient.defaultTimeout) throws -> Run {
        let (process, stdin, stdout, stderr) = try pipedProcess(arguments)
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        let collected = Collected()
        let readers = DispatchGroup()
        for (pipe, isError) in [(stdout, false), (stderr, true)] {
            readers.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.set(data, isError: isError)
                readers.leave()
            }
        }
        if !input.isEmpty { try? stdin.fileHandleForWriting.write(contentsOf: Data(input)) }
        try? stdin.fileHandleForWriting.close()
        guard done.wait(timeout: .now() + timeout) == .success else {
            process.terminate()
            throw LSPTestClient.Failure("`kpi \(arguments.joined(separator: " "))` did not end within \(timeout) s")
        }
        _ = readers.wait(timeout: .now() + timeout)
        let (out, err) = collected.values
        return Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}

private final class Collected: @unchecked Sendable {  // behind `lock`
    private let lock = NSLock()
    private var out = Data(), err = Data()
    func set(_ data: Data, isError: Bool) { lock.withLock { if isError { err = data } else { out = data } } }
    var values: (Data, Data) { lock.withLock { (out, err) } }
}
