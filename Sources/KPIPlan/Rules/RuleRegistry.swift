// Every rule of the language, one line each: the order here is the order of `docs/language.md`.
// Adding a rule is a file under `Rules/` and a line here.

public enum RuleRegistry {
    public static let all: [any Rule.Type] = [
        // Syntax and structure
        SyntaxErrorRule.self,
        UnknownFieldRule.self,
        DuplicateFieldRule.self,
        DuplicateKPIRule.self,
        InvalidQuantityRule.self,
        InvalidDateRule.self,
        InvalidValueRule.self,
        UnresolvedUseRule.self,
        UseCycleRule.self,
        IgnoredLineRule.self,
        // Alignment
        UnknownParentRule.self,
        ParentCycleRule.self,
        UnalignedKPIRule.self,
        DeadlineAfterParentRule.self,
        SplitMismatchRule.self,
        UnitMismatchRule.self,
        WeightsNot100Rule.self,
        PerspectiveOrderRule.self,
        // Realism
        UnrealisticTargetRule.self,
        ImpossibleTargetRule.self,
        WrongDirectionRule.self,
        PercentOfRateRule.self,
        TargetAlreadyMetRule.self,
        DeadlinePassedRule.self,
        MilestoneBehindPathRule.self,
        LateFirstCheckpointRule.self,
        OffTrackRule.self,
        TargetBelowTrendRule.self,
        // Measurability
        VagueTargetRule.self,
        MissingDeadlineRule.self,
        MissingBaselineRule.self,
        NoActionsRule.self,
        NoOwnerRule.self,
    ]

    private static let byCode: [DiagnosticCode: any Rule.Type] =
        Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    public static func rule(for code: DiagnosticCode) -> (any Rule.Type)? { byCode[code] }

    /// The rules checked once per file, over its `use` lines and ids.
    static let fileRules: [any FileRule.Type] = all.compactMap { $0 as? any FileRule.Type }
    /// The rules checked once per KPI, over the goal graph and its cascade math.
    static let kpiRules: [any KPIRule.Type] = all.compactMap { $0 as? any KPIRule.Type }
}
