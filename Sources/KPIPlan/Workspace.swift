// The plan files a check or the server works on, by path, and the `use`d files that could not be
// read. The workspace does no I/O: the caller (the command line or the server) hands it file
// contents and says which files it could not read. Its goal graph is an `Analysis`.

public struct KPIRef: Sendable, Hashable, Comparable {
    public let path: String
    public let index: Int
    public init(path: String, index: Int) {
        self.path = path
        self.index = index
    }
    public static func < (a: KPIRef, b: KPIRef) -> Bool { (a.path, a.index) < (b.path, b.index) }
}

public struct Workspace: Sendable {
    public private(set) var files: [String: PlanFile] = [:]
    /// Files a `use` names that the caller could not read, with the reason (e.g. "is a folder").
    public var unreadable: [String: String] = [:]

    public init() {}

    public init(files: [PlanFile]) {
        for file in files { self.files[file.path] = file }
    }

    public mutating func set(_ file: PlanFile) {
        files[file.path] = file
        unreadable[file.path] = nil
    }

    @discardableResult
    public mutating func remove(_ path: String) -> PlanFile? { files.removeValue(forKey: path) }

    /// The `use`d paths that are neither loaded nor known to be unreadable: the caller should try to load them.
    public var missingUses: [String] {
        var missing = Set<String>()
        for file in files.values {
            for use in file.uses where files[use.resolvedPath] == nil && unreadable[use.resolvedPath] == nil {
                missing.insert(use.resolvedPath)
            }
        }
        return missing.sorted()
    }

    public func analysis(_ options: AnalysisOptions) -> Analysis { Analysis(self, options: options) }

    /// The analysis of a workspace that will not be edited (`kpi check`): without the table that
    /// only patching the graph after an edit reads (`updated` then rebuilds instead).
    public func analysisForChecksOnly(_ options: AnalysisOptions) -> Analysis { Analysis(self, options: options, forEdits: false) }
}
