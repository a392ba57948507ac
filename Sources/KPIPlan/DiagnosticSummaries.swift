// One line per diagnostic code saying what it finds: the rule descriptions of `kpi check --format
// sarif` (and anything else that lists the codes). The full text of each is its section of
// `docs/language.md`.

extension DiagnosticCode {
    /// What the code finds, in one sentence.
    public var summary: String { Self.summaries[self] ?? rawValue }

    /// A dictionary rather than a switch, so that a new code without a summary fails
    /// `DiagnosticSummaryTests` instead of the build of every branch that adds one.
    static let summaries: [DiagnosticCode: String] = [
        .syntaxError: "A line cannot be read.",
        .unknownField: "A key is not a field of a plan or a KPI.",
        .duplicateField: "A field, the plan header, a deadline or a dated entry is given twice.",
        .duplicateKPI: "A KPI id is already used by a KPI visible from this file.",
        .invalidQuantity: "A value that must be a quantity is not one.",
        .invalidDate: "A date cannot be read.",
        .invalidValue: "A field's value is not one the field allows.",
        .unresolvedUse: "A `use` names a file that cannot be read.",
        .useCycle: "A `use` leads back to this file.",
        .unknownParent: "`parent:` names no KPI visible from this file.",
        .parentCycle: "The chain of parents loops back to the KPI.",
        .unalignedKPI: "A KPI supports no goal: no parent, no `top-level`, no children.",
        .deadlineAfterParent: "A KPI's deadline is later than its parent's.",
        .splitMismatch: "The children of a `split: sum` KPI do not add up to its change, or a split or contribution has nothing to split.",
        .unitMismatch: "A value or contribution is in a unit the KPI or its split parent is not measured in.",
        .weightsNot100: "The weights of a `split: weighted` KPI's children do not add up to 100%.",
        .perspectiveOrder: "A KPI's perspective comes later in the chain than its parent's.",
        .unrealisticTarget: "The target needs more annual growth than the maximum.",
        .impossibleTarget: "The target level cannot exist.",
        .targetAlreadyMet: "The target equals the baseline, or the latest actual has already reached it.",
        .deadlinePassed: "The deadline has passed and the target is not met.",
        .milestoneBehindPath: "A milestone is below the path to the target.",
        .lateFirstCheckpoint: "No milestone or actual in the first year of a long target.",
        .offTrack: "The latest actual is behind or at risk on the path to the target.",
        .targetBelowTrend: "The trend of the actuals reaches the target well before its deadline: it may ask too little.",
        .vagueTarget: "A target has no number.",
        .missingDeadline: "A target has no deadline.",
        .missingBaseline: "A target has no baseline to start from.",
        .noActions: "A KPI with a target lists no actions.",
        .noOwner: "A KPI has no owner.",
    ]
}
