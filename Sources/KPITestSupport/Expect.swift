// Inline snapshot tests, after rust-analyzer's expect-test: a test writes the full expected answer
// as a string literal right beside the call, and a mismatch fails with a line diff. Run with
// `UPDATE_EXPECT=1 swift test --filter …` and each mismatching literal is rewritten in the test
// source with the actual answer instead, for review in `git diff`.
//
//     try checkHover(plan, expect("""
//         …the whole hover…
//         """))
//
// `expect(_:)` records where it is called (`#filePath`, `#line`, `#column`); an update finds the
// first string literal after that place in the file as it was compiled and replaces it, keeping the
// indentation of its closing `"""`. Updates to one file are applied together to its original text,
// so the places recorded by the compiler stay true however many literals of the file change.

// Only where Swift Testing is: a release build of the package (the README's install command) has
// no Testing module, and builds this library without it.
#if canImport(Testing)
    import Foundation
    import Synchronization
    import Testing

    /// An expected answer written in a test, and where it is written.
    public struct ExpectedText: Sendable {
        public let text: String
        public let filePath: String
        /// The 1-based line and UTF-8 column of the `expect(` call.
        public let line: Int
        public let column: Int

        /// Whether this run rewrites mismatching expectations: `UPDATE_EXPECT=1` in the environment.
        public init(text: String, filePath: String, line: Int, column: Int) {
            self.text = text
            self.filePath = filePath
            self.line = line
            self.column = column
        }

        public static let isUpdating = ProcessInfo.processInfo.environment["UPDATE_EXPECT"] == "1"

        /// Fails the current test with a diff when `actual` differs from the expected text; with
        /// `UPDATE_EXPECT=1` in the environment, rewrites the literal to `actual` instead.
        public func assert(
            _ actual: String, updating: Bool = ExpectedText.isUpdating, updater: ExpectUpdater = .shared,
            sourceLocation: SourceLocation = #_sourceLocation
        ) {
            guard actual != text else { return }
            if updating {
                do {
                    try updater.update(path: filePath, line: line, column: column, to: actual)
                } catch {
                    Issue.record("cannot update the expectation: \(error)", sourceLocation: sourceLocation)
                }
                return
            }
            let diff = LineDiff.render(expected: text, actual: actual)
            Issue.record(
                "the answer differs from the expectation (- expected, + actual; UPDATE_EXPECT=1 rewrites it):\n\(diff)",
                sourceLocation: sourceLocation)
        }
    }

    /// The expected answer `text`, written as a string literal in the call.
    public func expect(_ text: String, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> ExpectedText {
        ExpectedText(text: text, filePath: filePath, line: line, column: column)
    }

    public enum ExpectError: Error, Equatable, CustomStringConvertible {
        case noSuchPlace(line: Int, column: Int)
        case noLiteral(line: Int)
        case unclosedLiteral(line: Int)

        public var description: String {
            switch self {
            case .noSuchPlace(let line, let column): "the file has no line \(line) column \(column)"
            case .noLiteral(let line): "no string literal follows the expect( call of line \(line)"
            case .unclosedLiteral(let line): "the string literal of line \(line) is not closed"
            }
        }
    }

    /// Rewrites expectation literals in source files, keeping the original text of each file it
    /// touched so that all the updates of a run apply to the places the compiler recorded.
    public final class ExpectUpdater: Sendable {
        public static let shared = ExpectUpdater()

        private struct Pending {
            var original: [UInt8]
            var patches: [Range<Int>: String] = [:]
        }
        private let files = Mutex<[String: Pending]>([:])

        public init() {}

        /// Replaces the literal after the `expect(` at `line`:`column` of the file at `path` by `text`.
        public func update(path: String, line: Int, column: Int, to text: String) throws {
            try files.withLock { files in
                var pending = try files[path] ?? Pending(original: [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
                let literal = try ExpectSource.literal(in: pending.original, line: line, column: column)
                pending.patches[literal.range] = ExpectSource.literalText(text, indentation: literal.indentation)
                files[path] = pending
                var bytes = pending.original
                for (range, replacement) in pending.patches.sorted(by: { $0.key.lowerBound > $1.key.lowerBound }) {
                    bytes.replaceSubrange(range, with: Array(replacement.utf8))
                }
                try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
        }
    }

    /// Finding and writing Swift string literals in source text (UTF-8 bytes).
    public enum ExpectSource {
        private static let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#"), newline = UInt8(ascii: "\n")
        private static let backslash = UInt8(ascii: "\\"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

        /// The byte range of the first string literal at or after `line`:`column` (1-based, the column
        /// in UTF-8 bytes, as `#line` and `#column` give them), delimiters and `#`s included, and the
        /// indentation its contents get: that of its closing `"""`, or for a one-line literal that of
        /// its line plus four spaces.
        public static func literal(in source: [UInt8], line: Int, column: Int) throws -> (range: Range<Int>, indentation: String) {
            var lineStart = 0
            for _ in 1..<max(line, 1) {
                guard let end = source[lineStart...].firstIndex(of: newline) else {
                    throw ExpectError.noSuchPlace(line: line, column: column)
                }
                lineStart = end + 1
            }
            let call = lineStart + column - 1
            guard column >= 1, call <= source.count else { throw ExpectError.noSuchPlace(line: line, column: column) }
            guard let start = source[call...].firstIndex(where: { $0 == quote || $0 == hash }) else {
                throw ExpectError.noLiteral(line: line)
            }
            var i = start
            while i < source.count && source[i] == hash { i += 1 }
            let hashes = i - start
            guard i < source.count, source[i] == quote else { throw ExpectError.noLiteral(line: line) }
            let closing = [quote, quote, quote] + [UInt8](repeating: hash, count: hashes)
            if source[i...].starts(with: [quote, quote, quote]) {
                // A multi-line literal closes on a line holding only indentation and the delimiter.
                var lineStart = (source[i...].firstIndex(of: newline) ?? source.count) + 1
                while lineStart < source.count {
                    var j = lineStart
                    while j < source.count && (source[j] == space || source[j] == tab) { j += 1 }
                    if source[j...].starts(with: closing) {
                        let indentation = String(decoding: source[lineStart..<j], as: UTF8.self)
                        return (start..<(j + closing.count), indentation)
                    }
                    lineStart = (source[lineStart...].firstIndex(of: newline) ?? source.count) + 1
                }
                throw ExpectError.unclosedLiteral(line: line)
            }
            // A one-line literal: up to the first unescaped `"` followed by the hashes.
            i += 1
            while i < source.count && source[i] != newline {
                if hashes == 0 && source[i] == backslash {
                    i += 2
                    continue
                }
                if source[i] == quote && source.count >= i + 1 + hashes && source[(i + 1)..<(i + 1 + hashes)].allSatisfy({ $0 == hash }) {
                    let lineIndentation = source[lineStart...].prefix { $0 == space || $0 == tab }
                    return (start..<(i + 1 + hashes), String(decoding: lineIndentation, as: UTF8.self) + "    ")
                }
                i += 1
            }
            throw ExpectError.unclosedLiteral(line: line)
        }

        /// `text` as a Swift literal whose contents are indented by `indentation`: `""` when empty,
        /// else a multi-line literal, raw (`#"""`) when the text holds a backslash or a `"""`.
        public static func literalText(_ text: String, indentation: String) -> String {
            guard !text.isEmpty else { return "\"\"" }
            var hashes = 0
            if text.contains("\\") || text.contains("\"\"\"") {
                hashes = 1
                while text.contains("\"" + String(repeating: "#", count: hashes))
                    || text.contains("\\" + String(repeating: "#", count: hashes))
                {
                    hashes += 1
                }
            }
            let delimiter = String(repeating: "#", count: hashes)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : indentation + $0 }
            return delimiter + "\"\"\"\n" + lines.joined(separator: "\n") + "\n" + indentation + "\"\"\"" + delimiter
        }
    }

    /// A text without its last newline, so that an expectation does not end with an empty line.
    public func withoutFinalNewline(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    /// Trailing spaces shown as `·` (markdown's hard line break is two of them), so that an
    /// expectation holds no invisible text an editor would strip.
    public func visibleTrailingSpaces(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let kept = line.reversed().drop { $0 == " " }.count
            return line.prefix(kept) + String(repeating: "·", count: line.count - kept)
        }.joined(separator: "\n")
    }

    /// A line diff of two texts, for a failure message: unchanged lines start with two spaces,
    /// expected-only lines with `- `, actual-only lines with `+ `.
    public enum LineDiff {
        public static func render(expected: String, actual: String) -> String {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
            // The longest common subsequence of lines, by dynamic programming from the ends.
            var common = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
                }
            }
            var lines: [String] = []
            var i = 0
            var j = 0
            while i < a.count || j < b.count {
                if i < a.count && j < b.count && a[i] == b[j] {
                    lines.append("  " + a[i])
                    i += 1
                    j += 1
                } else if i < a.count && (j == b.count || common[i + 1][j] >= common[i][j + 1]) {
                    lines.append("- " + a[i])
                    i += 1
                } else {
                    lines.append("+ " + b[j])
                    j += 1
                }
            }
            return lines.joined(separator: "\n")
        }
    }
#endif
