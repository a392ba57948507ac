// `kpi.toml`: the TOML subset read with exact values and ranges, every problem at the text that
// causes it (and never a crash), and the order of precedence: flags or editor settings over the
// file over the defaults.

import KPIPlan
import Testing

@Suite struct SettingsFileParsingTests {
    func problems(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return SettingsFile(bytes: bytes).problems.map {
            "\($0.severity.name) \(String(decoding: bytes[$0.range], as: UTF8.self)): \($0.message)"
        }
    }

    @Test func everySettingInTablesDottedKeysAndInlineTables() {
        let text = """
            # The team's settings
            [realism]
            maxAnnualGrowth = 150   # percent

            [diagnostics]
            severity = { off-track = "off", "no-owner" = 'hint' }

            [files]
            exclude = [
              "fixtures/**",  # generated
              'Fuzz/**',
            ]
            """
        let file = SettingsFile(bytes: Array(text.utf8))
        #expect(file.problems == [])
        #expect(
            file.settings
                == KPISettings(
                    maxAnnualGrowth: 1.5, severities: [.offTrack: Severity?.none, .noOwner: .hint], exclude: ["fixtures/**", "Fuzz/**"]))
        let dotted = SettingsFile(
            bytes: Array(
                "realism.maxAnnualGrowth = \"250%\"\ndiagnostics.severity.no-actions = \"error\"\n[diagnostics.severity]\nvague-target = \"information\"\n"
                    .utf8))
        #expect(dotted.problems == [])
        #expect(dotted.settings == KPISettings(maxAnnualGrowth: 2.5, severities: [.noActions: .error, .vagueTarget: .information]))
        #expect(SettingsFile(bytes: []).settings == KPISettings())
    }

    @Test func stringEscapesAndNumbers() {
        let document = TOMLDocument(Array("a = \"x\\ty\\u00e9\\\"\"\nb = 1_000.5\nc = -3\nd = true\n".utf8))
        #expect(document.errors == [])
        #expect(document.root.map(\.value.value) == [.string("x\tyé\""), .number(1000.5), .number(-3), .bool(true)])
        #expect(document.root.map(\.value.range) == [4..<18, 23..<30, 35..<37, 42..<46])
    }

    @Test func problemsAtTheirText() {
        #expect(
            problems("[realsim]\nmaxAnnualGrowth = 1\n") == [
                "warning realsim: `realsim` is not a setting at the top level: did you mean `realism`?"
            ])
        #expect(
            problems("[realism]\nmaxAnualGrowth = 1\n") == [
                "warning maxAnualGrowth: `maxAnualGrowth` is not a setting in `[realism]`: did you mean `maxAnnualGrowth`?"
            ])
        #expect(
            problems("[realism]\nmaxAnnualGrowth = -5\n") == ["error -5: `maxAnnualGrowth` takes a number of percent above 0, like 150"])
        #expect(
            problems("[diagnostics.severity]\nno-ownr = \"off\"\noff-track = \"loud\"\n") == [
                "warning no-ownr: `no-ownr` is not a setting in `[diagnostics.severity]`: did you mean `no-owner`?",
                "error \"loud\": the severity of `off-track` is \"error\", \"warning\", \"information\", \"hint\" or \"off\"",
            ])
        #expect(problems("[files]\nexclude = \"a/**\"\n") == ["error \"a/**\": `exclude` takes a list of globs, like [\"fixtures/**\"]"])
        #expect(problems("[files]\nexclude = [1]\n") == ["error 1: each glob is text in quotes, like \"fixtures/**\""])
        #expect(problems("realism = 3\n") == ["error 3: `realism` is a table: write `[realism]` and its settings below it"])
        #expect(
            problems("[realism]\nmaxAnnualGrowth = 1\nmaxAnnualGrowth = 2\n") == [
                "error maxAnnualGrowth: `realism.maxAnnualGrowth` is given twice"
            ])
        #expect(problems("[realism\n") == ["error [realism: a table header is written `[name]`, like `[realism]`"])
        #expect(problems("[realism]\nmaxAnnualGrowth = 150 %\n") == ["error %: unexpected text after the value: put one setting a line"])
        #expect(problems("[realism]\nmaxAnnualGrowth = \"150\n") == ["error \"150: the string has no closing \""])
        #expect(
            problems("[realism]\nmaxAnnualGrowth = high\n") == ["error high: `high` is not a value: write text in quotes, like \"high\""])
        #expect(problems("[realism]\nmaxAnnualGrowth\n") == ["error maxAnnualGrowth: expected `key = value`"])
        #expect(problems("a = " + String(repeating: "[", count: 100_000)) == ["error [: lists and tables nest more than 64 deep"])
    }

    /// Whatever the bytes, reading gives settings and problems: never a crash or a hang.
    @Test func anyTextIsRead() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("[]{}=,.\"'#\\ \n\tab-_019ué%".utf8) + [0xFF, 0xC3]
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0..<60, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let file = SettingsFile(bytes: bytes)
            #expect(file.problems.allSatisfy { $0.range.lowerBound >= 0 && $0.range.upperBound <= bytes.count })
        }
    }

    /// Flags and editor settings over the file over the defaults: a value given above wins,
    /// severities merge code by code, excluded globs add up.
    @Test func precedence() {
        let file = KPISettings(maxAnnualGrowth: 0.5, severities: [.offTrack: Severity?.none, .noOwner: .hint], exclude: ["a/**"])
        let editor = KPISettings(severities: [.noOwner: .error], exclude: ["b/**", "a/**"])
        #expect(
            editor.over(file)
                == KPISettings(maxAnnualGrowth: 0.5, severities: [.offTrack: Severity?.none, .noOwner: .error], exclude: ["a/**", "b/**"]))
        #expect(KPISettings(maxAnnualGrowth: 2).over(file).maxAnnualGrowth == 2)
        let options = editor.over(file).options(today: Day(year: 2027, month: 7, day: 15)!)
        #expect(options.maxAnnualGrowth == 0.5)
        #expect(KPISettings().options(today: Day(year: 2027, month: 7, day: 15)!).maxAnnualGrowth == 1.0)
    }
}
