// `kpi.toml`, one settings file for a team: at the root of the workspace, read by `kpi check` and
// `kpi lsp` alike, it holds what the editor settings hold (the maximum annual growth, severities
// per code, excluded files), so CI and every editor agree. Editor settings and command-line flags
// override it (`KPISettings.over`). A mistake in it is reported on its text, never a crash.

/// One layer of settings: the file's, the editor's or the command line's. A setting a layer
/// leaves out is nil (or empty) and falls through to the layer below.
public struct KPISettings: Sendable, Equatable {
    /// The compound growth per year above which a target is unrealistic (1.0 = 100%).
    public var maxAnnualGrowth: Double?
    /// The compound cut per year above which a reduction target is unrealistic (0.8 = 80%).
    public var maxAnnualReduction: Double?
    /// Severity per code; `.some(nil)` turns a code off.
    public var severities: [DiagnosticCode: Severity?]
    /// Globs (`*`, `**`, `?`) of files not indexed, relative to the workspace folder.
    public var exclude: [String]

    public init(
        maxAnnualGrowth: Double? = nil, maxAnnualReduction: Double? = nil, severities: [DiagnosticCode: Severity?] = [:],
        exclude: [String] = []
    ) {
        self.maxAnnualGrowth = maxAnnualGrowth
        self.maxAnnualReduction = maxAnnualReduction
        self.severities = severities
        self.exclude = exclude
    }

    /// This layer over `base`: a value given here wins; severities are merged code by code; the
    /// excluded globs of both apply.
    public func over(_ base: KPISettings) -> KPISettings {
        KPISettings(
            maxAnnualGrowth: maxAnnualGrowth ?? base.maxAnnualGrowth,
            maxAnnualReduction: maxAnnualReduction ?? base.maxAnnualReduction,
            severities: base.severities.merging(severities) { $1 },
            exclude: base.exclude + exclude.filter { !base.exclude.contains($0) })
    }

    /// The options of the checks, with the defaults for what no layer set.
    public func options(today: Day) -> AnalysisOptions {
        AnalysisOptions(
            maxAnnualGrowth: maxAnnualGrowth ?? 1.0, maxAnnualReduction: maxAnnualReduction ?? 0.8, severities: severities, today: today)
    }

    /// A severity as the settings write it: `error`, `warning`, `information` (or `info`), `hint`, or `off`.
    public static func severity(named name: String) -> Severity?? {
        name == "off" ? .some(nil) : Severity(name: name).map { .some($0) }
    }
}

/// A problem in the settings file, where it is. Unknown keys are warnings (the rest still
/// applies); anything else is an error, and the setting it concerns is left out.
public struct SettingsProblem: Sendable, Equatable {
    public var severity: Severity
    public var message: String
    public var range: Range<Int>

    public init(severity: Severity, message: String, range: Range<Int>) {
        self.severity = severity
        self.message = message
        self.range = range
    }
}

public struct SettingsFile: Sendable, Equatable {
    /// The file's name, looked for at the workspace root.
    public static let name = "kpi.toml"

    public var settings = KPISettings()
    public var problems: [SettingsProblem] = []

    /// The settings in the file's text (TOML: see docs/language.md, “The settings file”).
    public init(bytes: [UInt8]) {
        let document = TOMLDocument(bytes)
        problems = document.errors.map { SettingsProblem(severity: .error, message: $0.message, range: $0.range) }
        read(document.root)
        problems.sort { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The settings and the sections they are in, as the editor settings name them.
    static let known: [String: [String]] = [
        "realism": ["maxAnnualGrowth", "maxAnnualReduction"], "diagnostics": ["severity"], "files": ["exclude"],
    ]

    private mutating func warn(unknown key: TOMLNode, among candidates: [String], in section: String?) {
        guard case .string(let name) = key.value else { return }
        let place = section.map { "in `[\($0)]`" } ?? "at the top level"
        let hint = Suggestions.closest(to: name, in: candidates).map { ": did you mean `\($0)`?" } ?? ""
        problems.append(SettingsProblem(severity: .warning, message: "`\(name)` is not a setting \(place)\(hint)", range: key.range))
    }

    private mutating func error(_ message: String, _ node: TOMLNode) {
        problems.append(SettingsProblem(severity: .error, message: message, range: node.range))
    }

    private mutating func read(_ root: [(key: TOMLNode, value: TOMLNode)]) {
        for (key, value) in root {
            guard case .string(let section) = key.value, let names = Self.known[section] else {
                warn(unknown: key, among: Self.known.keys.sorted(), in: nil)
                continue
            }
            guard case .table(let members) = value.value else {
                error("`\(section)` is a table: write `[\(section)]` and its settings below it", value)
                continue
            }
            for (key, value) in members {
                guard case .string(let name) = key.value, names.contains(name) else {
                    warn(unknown: key, among: names, in: section)
                    continue
                }
                switch name {
                case "maxAnnualGrowth": readGrowth(value)
                case "maxAnnualReduction": readReduction(value)
                case "severity": readSeverities(value)
                default: readExclude(value)
                }
            }
        }
    }

    /// A number of percent (`150`) or text like `"150%"`.
    private static func percent(_ node: TOMLNode) -> Double? {
        switch node.value {
        case .number(let number): number
        case .string(let text): Double(text.hasSuffix("%") ? String(text.dropLast()) : text)
        default: nil
        }
    }

    /// `maxAnnualGrowth`: a percentage above 0.
    private mutating func readGrowth(_ node: TOMLNode) {
        guard let percent = Self.percent(node), percent > 0, percent.isFinite else {
            return error("`maxAnnualGrowth` takes a number of percent above 0, like 150", node)
        }
        settings.maxAnnualGrowth = percent / 100
    }

    /// `maxAnnualReduction`: a percentage between 0 and 100.
    private mutating func readReduction(_ node: TOMLNode) {
        guard let percent = Self.percent(node), percent > 0, percent < 100 else {
            return error("`maxAnnualReduction` takes a number of percent between 0 and 100, like 80", node)
        }
        settings.maxAnnualReduction = percent / 100
    }

    private mutating func readSeverities(_ node: TOMLNode) {
        guard case .table(let members) = node.value else {
            return error("`severity` is a table of codes: write `[diagnostics.severity]` and lines like `off-track = \"off\"`", node)
        }
        for (key, value) in members {
            guard case .string(let name) = key.value, let code = DiagnosticCode(rawValue: name) else {
                warn(unknown: key, among: DiagnosticCode.allCases.map(\.rawValue), in: "diagnostics.severity")
                continue
            }
            guard case .string(let level) = value.value, let severity = KPISettings.severity(named: level) else {
                error("the severity of `\(name)` is \"error\", \"warning\", \"information\", \"hint\" or \"off\"", value)
                continue
            }
            settings.severities[code] = severity
        }
    }

    private mutating func readExclude(_ node: TOMLNode) {
        guard case .array(let elements) = node.value else { return error("`exclude` takes a list of globs, like [\"fixtures/**\"]", node) }
        for element in elements {
            guard case .string(let glob) = element.value else {
                error("each glob is text in quotes, like \"fixtures/**\"", element)
                continue
            }
            settings.exclude.append(glob)
        }
    }
}
