// Runs the rules over a file: the reader's findings, then the file rules and each KPI's rules,
// with `# kpi-ignore:` comments and the severity settings applied.

extension Analysis {
    /// Every diagnostic of a file, sorted by position, after `# kpi-ignore:` comments and the
    /// severity settings have been applied. `caches` made for this analysis (`AnalysisCaches`)
    /// spare the checks of the next file the indexes this one built.
    public func diagnostics(for path: String, caches: AnalysisCaches? = nil) -> [Diagnostic] {
        filtered(rawDiagnostics(for: path, caches: caches), path: path).kept
    }

    /// The diagnostics a file's `# kpi-ignore:` comments silence.
    public func silencedDiagnostics(for path: String, caches: AnalysisCaches? = nil) -> [Diagnostic] {
        filtered(rawDiagnostics(for: path, caches: caches), path: path).silenced
    }

    /// Both lists at once: the diagnostics of a file and those its `# kpi-ignore:` comments silence.
    public func diagnosticsAndSilenced(for path: String, caches: AnalysisCaches? = nil) -> (kept: [Diagnostic], silenced: [Diagnostic]) {
        filtered(rawDiagnostics(for: path, caches: caches), path: path)
    }

    func filtered(_ diagnostics: [Diagnostic], path: String) -> (kept: [Diagnostic], silenced: [Diagnostic]) {
        guard let file = file(path) else { return ([], []) }
        var kept: [Diagnostic] = []
        var silenced: [Diagnostic] = []
        for var diagnostic in diagnostics {
            let line = file.tree.lines.line(of: diagnostic.range.lowerBound)
            if let codes = file.ignores[line], codes.contains(diagnostic.code.rawValue) {
                silenced.append(diagnostic)
                continue
            }
            if let override = options.severities[diagnostic.code] {
                guard let severity = override else { continue }
                diagnostic.severity = severity
            }
            kept.append(diagnostic)
        }
        let order: (Diagnostic, Diagnostic) -> Bool = {
            ($0.range.lowerBound, $0.range.upperBound, $0.code.rawValue, $0.message) < (
                $1.range.lowerBound, $1.range.upperBound, $1.code.rawValue, $1.message
            )
        }
        return (kept.sorted(by: order), silenced.sorted(by: order))
    }

    /// The checks of one KPI, before `# kpi-ignore:` comments and severities: its part of `rawDiagnostics(for:)`.
    public func rawDiagnostics(of ref: KPIRef, caches: AnalysisCaches? = nil) -> [Diagnostic] {
        var findings = Findings(path: ref.path)
        checkKPI(ref, caches: self.caches(caches), into: &findings)
        return findings.found
    }

    /// The file-level checks of a file (`use` lines, duplicate ids): its part of `rawDiagnostics(for:)`.
    public func rawFileDiagnostics(for path: String) -> [Diagnostic] {
        guard let file = file(path) else { return [] }
        var findings = Findings(path: path)
        checkFile(file, into: &findings)
        return findings.found
    }

    /// A file's diagnostics put together from parts computed earlier (`rawFileDiagnostics(for:)` and
    /// `rawDiagnostics(of:)` of each of its KPIs, in order): the list `diagnostics(for:)` returns.
    public func diagnostics(for path: String, fileChecks: [Diagnostic], kpiChecks: [[Diagnostic]]) -> [Diagnostic] {
        guard let file = file(path) else { return [] }
        return filtered(file.diagnostics + fileChecks + kpiChecks.joined(), path: path).kept
    }

    func rawDiagnostics(for path: String, caches: AnalysisCaches?) -> [Diagnostic] {
        guard let file = file(path) else { return [] }
        var findings = Findings(path: path)
        checkFile(file, into: &findings)
        let caches = self.caches(caches)
        for ref in refs(in: path) { checkKPI(ref, caches: caches, into: &findings) }
        return file.diagnostics + findings.found
    }

    private func checkFile(_ file: PlanFile, into findings: inout Findings) {
        let check = FileCheck(analysis: self, file: file)
        for rule in RuleRegistry.fileRules { rule.check(check, &findings) }
    }

    private func checkKPI(_ ref: KPIRef, caches: AnalysisCaches, into findings: inout Findings) {
        guard let file = file(ref.path) else { return }
        let kpi = file.kpis[ref.index]
        guard !kpi.id.isEmpty else { return }
        let check = KPICheck(analysis: self, caches: caches, ref: ref, kpi: kpi)
        for rule in RuleRegistry.kpiRules { rule.check(check, &findings) }
    }
}
