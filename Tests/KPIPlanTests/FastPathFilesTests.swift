// Unsafe code stays in the small leaf files whose speed or system calls need it, each behind a
// plain interface; the reader, the rules, completion and hover are plain Swift. A file that starts
// using unsafe code fails here until it is a leaf listed below (with why).

import Foundation
import Testing

@Suite struct FastPathFilesTests {
    /// The files allowed unsafe code, by path under `Sources/`, with the reason.
    static let allowed: [String: String] = [
        "KPISyntax/ByteSearch.swift": "byte scanning",
        "KPISyntax/Parser.swift": "byte scanning: the lexer reads every byte of every file",
        "KPISyntax/Reparse.swift": "byte scanning: the common prefix and suffix of an edit",
        "KPISyntax/LineIndex.swift": "line indexing: newlines found eight bytes at a time",
        "KPISyntax/SyntaxNode.swift": "tree storage: a node's tokens and children read in place",
        "LanguageServerProtocol/JSONParser.swift": "the JSON reader",
        "LanguageServerProtocol/JSONValue.swift": "the JSON reader's entry points",
        "LanguageServerProtocol/JSONWriter.swift": "the JSON writer",
        "LanguageServerProtocol/WritableMessages.swift": "the JSON writer's keys",
        "LanguageServerProtocol/Connection.swift": "framing I/O: read(2) and write(2)",
        "KPIFiles/PlanFiles.swift": "file reading: read(2)",
        "KPIFiles/PlanWriter.swift": "file writing: pwrite(2) and directory entries",
        "KPIFiles/TemporaryFileCleanup.swift": "a path a signal handler can read",
        "KPIFiles/LargeStack.swift": "threads: the slots worker threads write their results to",
        "KPIPlan/IDE/ParentCandidates.swift": "the `parent:` completion fast path, tested against its plain definition",
        "KPITestSupport/LSPTestClient.swift": "test support: pipe I/O with the server",
    ]

    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// The Swift files under `Sources/` that use unsafe code (`Unsafe…`, `withUnsafe…`,
    /// `unsafeBitCast`, `unsafeUninitializedCapacity`, …), by path under `Sources/`.
    static func filesUsingUnsafeCode() throws -> Set<String> {
        let pattern = try Regex("Unsafe|unsafe[A-Z]")
        var found = Set<String>()
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            if text.contains(pattern) {
                found.insert(String(url.standardizedFileURL.path.dropFirst(sources.standardizedFileURL.path.count + 1)))
            }
        }
        return found
    }

    @Test func unsafeCodeOnlyInTheListedLeafFiles() throws {
        let found = try Self.filesUsingUnsafeCode()
        #expect(found.count > 5, "found too few files under \(Self.sources.path)")
        let outside = found.subtracting(Self.allowed.keys).sorted()
        #expect(outside.isEmpty, "unsafe code outside the leaf files: \(outside)")
        let unused = Set(Self.allowed.keys).subtracting(found).sorted()
        #expect(unused.isEmpty, "listed but plain Swift now, take them off the list: \(unused)")
    }
}
