// Property tests over thousands of generated inputs (seeded, so every run sees the same ones):
// whatever the bytes, the parser keeps them all, the model, the checks, the cascade math and the
// formatter run without trapping, diagnostics point into the file, and formatting is idempotent,
// keeps the model and keeps every comment. A failure names the seed and the input's index.

import KPIPlan
import KPISyntax
import KPITestSupport
import Testing

@Suite struct GeneratedInputTests {
    static let examples = Fixtures.examples().map(\.bytes)
    /// Four batches, run in parallel: 2,240 inputs in all (a few seconds in a debug build).
    static let seeds: [UInt64] = [0xC0FFEE_01, 0xC0FFEE_02, 0xC0FFEE_03, 0xC0FFEE_04]
    static let perSeed = 560

    @Test(arguments: seeds)
    func everythingRunsOnGeneratedInputs(_ seed: UInt64) {
        var count = 0
        for (index, kind, bytes) in GeneratedPlans(seed: seed, count: Self.perSeed, examples: Self.examples) {
            let label = "input #\(index) (\(kind)) of seed 0x\(String(seed, radix: 16))"
            count += 1
            let tree = Parser.parse(bytes: bytes)
            let problems = TreeInvariants.violations(tree, bytes)
            let keepsInvariants = problems.isEmpty
            #expect(keepsInvariants, "\(label): \(problems.prefix(3))")

            // The model and every check, with a second file to `use` and to be a parent.
            let file = PlanFile(path: "plans/x.kpi", tree: tree)
            let other = PlanFile(path: "plans/other.kpi", text: "use \"x.kpi\"\nkpi mrr \"M\"\n  top-level\n  parent: a\n")
            let analysis = Workspace(files: [file, other]).analysis(AnalysisOptions(today: fixedToday))
            let diagnostics =
                analysis.diagnostics(for: file.path) + analysis.silencedDiagnostics(for: file.path)
                + analysis.diagnostics(for: other.path)
            let outside = diagnostics.filter {
                $0.path == file.path && ($0.range.lowerBound < 0 || $0.range.upperBound > bytes.count || $0.message.isEmpty)
            }
            #expect(
                outside.isEmpty,
                "\(label): \(outside.map { "\($0.code.rawValue) at \($0.range)" }) outside the file of \(bytes.count) bytes")
            for ref in analysis.refs(in: file.path) {
                let explanation = analysis.explanation(ref)
                _ = explanation.text()
                if index % 8 == 0 { _ = explanation.markdown() }  // Markdown escaping runs a regular expression: slow in debug
                _ = analysis.summary(ref)
            }

            checkFormatting(bytes, label, original: file)
            checkRangeFormatting(file, label, seed: seed &+ UInt64(index))
        }
        #expect(count == Self.perSeed)
    }

    /// Formats a random range of lines: the lines before and after it come out byte for byte
    /// (for valid UTF-8: a `String` cannot carry invalid bytes), and the model is unchanged.
    func checkRangeFormatting(_ original: PlanFile, _ label: String, seed: UInt64) {
        let tree = original.tree
        var random = SplitMix64(seed: seed)
        let count = tree.lines.lineCount
        let first = Int.random(in: 0..<count, using: &random)
        let last = min(count - 1, first + Int.random(in: 0...4, using: &random))
        let formatted = Formatter.format(tree, lines: first...last)
        let sameModel = modelSummary(PlanFile(path: "plans/x.kpi", text: formatted)) == modelSummary(original)
        #expect(
            sameModel,
            "\(label): formatting lines \(first)...\(last) changed the model\n--- input:\n\(tree.text(0..<tree.bytes.count))\n--- formatted:\n\(formatted)"
        )
        guard String(validating: tree.bytes, as: UTF8.self) != nil else { return }
        let before = linesWithBreaks(tree.bytes)
        let after = linesWithBreaks(Array(formatted.utf8))
        let prefix = Array(before.prefix(first))
        let suffix = before.count > last + 1 ? Array(before[(last + 1)...]) : []
        let samePrefix = Array(after.prefix(prefix.count)) == prefix
        let sameSuffix = Array(after.suffix(suffix.count)) == suffix
        #expect(samePrefix, "\(label): lines before \(first) changed")
        #expect(sameSuffix, "\(label): lines after \(last) changed")
    }
}
