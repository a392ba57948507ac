// The `use` edges between the files of a workspace, and which files a file sees through them,
// answered on demand: only the direct edges are kept (with the strongly connected components, for
// a quick "no"), not every file's transitive set, which takes memory quadratic in a chain of uses.

/// The files of a workspace numbered in path order, their direct `use`s (to files of the
/// workspace) both ways, and their strongly connected components numbered so that a component
/// can only reach components of lower or equal number.
struct UseGraph: Sendable {
    let paths: [String]
    let numbers: [String: Int]
    let uses: [[Int32]]
    let usedBy: [[Int32]]
    /// Component of each file; a file reaches only files whose component number is at most its own.
    let component: [Int32]

    init(paths: [String], workspace: Workspace) {
        self.paths = paths
        let numbers = Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, $0) })
        self.numbers = numbers
        var uses = [[Int32]](repeating: [], count: paths.count)
        var usedBy = [[Int32]](repeating: [], count: paths.count)
        for (file, path) in paths.enumerated() {
            for use in workspace.files[path]!.uses {
                guard let target = numbers[use.resolvedPath] else { continue }
                uses[file].append(Int32(target))
                usedBy[target].append(Int32(file))
            }
        }
        self.uses = uses
        self.usedBy = usedBy
        component = UseGraph.components(uses)
    }

    /// Tarjan's algorithm, without recursion: components are numbered in the order they complete,
    /// so every component reachable from another completes (and is numbered) before it.
    static func components(_ edges: [[Int32]]) -> [Int32] {
        let count = edges.count
        var index = [Int32](repeating: -1, count: count)
        var low = [Int32](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var component = [Int32](repeating: -1, count: count)
        var stack: [Int32] = []
        var nextIndex: Int32 = 0
        var nextComponent: Int32 = 0
        var frames: [(node: Int32, edge: Int)] = []
        for root in 0..<count where index[root] < 0 {
            frames.append((Int32(root), 0))
            index[root] = nextIndex
            low[root] = nextIndex
            nextIndex += 1
            stack.append(Int32(root))
            onStack[root] = true
            while let frame = frames.last {
                let node = Int(frame.node)
                if frame.edge < edges[node].count {
                    frames[frames.count - 1].edge += 1
                    let next = Int(edges[node][frame.edge])
                    if index[next] < 0 {
                        index[next] = nextIndex
                        low[next] = nextIndex
                        nextIndex += 1
                        stack.append(Int32(next))
                        onStack[next] = true
                        frames.append((Int32(next), 0))
                    } else if onStack[next] {
                        low[node] = min(low[node], index[next])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last { low[Int(parent.node)] = min(low[Int(parent.node)], low[node]) }
                if low[node] == index[node] {
                    while let member = stack.popLast() {
                        onStack[Int(member)] = false
                        component[Int(member)] = nextComponent
                        if Int(member) == node { break }
                    }
                    nextComponent += 1
                }
            }
        }
        return component
    }

    /// Whether `from` sees `to`: the same file, or reached through `use`s. A walk from `from` that
    /// skips the components that cannot lead to `to`.
    func sees(_ from: String, _ to: String) -> Bool {
        if from == to { return true }
        guard let start = numbers[from], let goal = numbers[to] else { return false }
        let target = component[goal]
        if component[start] == target { return true }
        if component[start] < target { return false }
        var seen: Set<Int32> = [Int32(start)]
        var stack = [Int32(start)]
        while let node = stack.popLast() {
            for next in uses[Int(node)] where component[Int(next)] >= target && !seen.contains(next) {
                if Int(next) == goal { return true }
                seen.insert(next)
                stack.append(next)
            }
        }
        return false
    }

    /// The files reached from these along the edges (the files themselves included).
    private func reach(_ starts: some Sequence<String>, _ edges: [[Int32]]) -> Set<String> {
        var seen = Set<Int32>()
        var stack: [Int32] = []
        for path in starts {
            if let number = numbers[path], seen.insert(Int32(number)).inserted { stack.append(Int32(number)) }
        }
        while let node = stack.popLast() {
            for next in edges[Int(node)] where seen.insert(next).inserted { stack.append(next) }
        }
        return Set(seen.map { paths[Int($0)] })
    }

    /// The files seen from any of these: themselves and everything their `use`s reach.
    func visible(from starts: some Sequence<String>) -> Set<String> { reach(starts, uses) }

    /// The files that see any of these, through `use`s (these included).
    func seeing(_ starts: some Sequence<String>) -> Set<String> { reach(starts, usedBy) }
}
