// The KPIs offered after `parent:`, best match first: every visible KPI but the one being edited
// and those below it (a cycle), ranked by `TypedText.tier`, at most a limit. This is the fast path
// of completion in large workspaces: each file's ids are kept end to end with a bit mask of their
// characters, so most ids are turned away by one AND, and ASCII ids are matched byte by byte.
// `ParentCandidatesTests` holds it to the plain definition.

extension Analysis {
    /// The KPIs `path` may name as the parent of `owner` (nil: a new block), matching `typed`,
    /// ranked best first; at most `limit`, with `isCut` when more matched.
    public func parentCandidates(
        from path: String, excluding owner: KPIRef?, typed: String, limit: Int, caches: AnalysisCaches? = nil
    ) -> (refs: [KPIRef], isCut: Bool) {
        let caches = self.caches(caches)
        var excluded: Set<KPIRef> = []
        if let owner {
            // Not itself, nor anything below it.
            var stack = [owner]
            while let next = stack.popLast() {
                if excluded.insert(next).inserted { stack += children(of: next) }
            }
        }
        // Excluded KPIs by file: only the files they are in need a look-up per KPI.
        var excludedIndexes: [String: Set<Int>] = [:]
        for ref in excluded { excludedIndexes[ref.path, default: []].insert(ref.index) }

        let filter = TypedFilter(Array(typed.utf8))
        var tiers = [[KPIRef]](repeating: [], count: MatchTier.allCases.count)
        var matched = 0
        /// Keeps a match; false once the best tier alone fills the list (nothing later can enter it).
        func keep(_ ref: KPIRef, _ tier: MatchTier) -> Bool {
            matched += 1
            if tiers[...tier.rawValue].reduce(0, { $0 + $1.count }) < limit { tiers[tier.rawValue].append(ref) }
            return !(tiers[0].count == limit && matched > limit)
        }
        scan: for file in visible(from: path).sorted() {
            guard let kpis = workspace.files[file]?.kpis else { continue }
            let skipped = excludedIndexes[file] ?? []
            if filter.isEmpty {
                for index in kpis.indices where !skipped.contains(index) {
                    if !keep(KPIRef(path: file, index: index), .prefix) { break scan }
                }
                continue
            }
            let ids = caches.idLists.value(for: file) { IDList(kpis.lazy.map(\.id)) }
            var going = true
            ids.forEachMatch(of: filter) { index, tier in
                if skipped.contains(index) { return true }
                going = keep(KPIRef(path: file, index: index), tier)
                return going
            }
            if !going { break scan }
        }
        return (Array(tiers.joined().prefix(limit)), matched > limit)
    }

    /// What was typed, for matching ids against: its characters lowercased, and when it is
    /// printable ASCII (nearly always) its bytes lowercased too.
    struct TypedFilter {
        let text: TypedText
        let asciiLowercased: [UInt8]?
        /// The characters typed, as `characterMask` sets them (0, which every id passes, off the
        /// ASCII path).
        let mask: UInt64

        init(_ typedBytes: [UInt8]) {
            text = TypedText(String(decoding: typedBytes, as: UTF8.self))
            asciiLowercased = typedBytes.allSatisfy(TypedFilter.printable) ? typedBytes.map(TypedFilter.lower) : nil
            mask = asciiLowercased == nil ? 0 : TypedFilter.characterMask(typedBytes)
        }

        static func printable(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }
        static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        var isEmpty: Bool { text.isEmpty }

        /// One bit per letter (either case), digit, `-`, `_` and `.`, one for any other printable
        /// ASCII character, and one for anything else. Every character typed must be in an id it
        /// matches, so an id whose mask lacks a bit of the typed mask cannot match.
        static func characterMask(_ bytes: some Sequence<UInt8>) -> UInt64 {
            var mask: UInt64 = 0
            for byte in bytes {
                let bit: UInt64 =
                    switch lower(byte) {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt64(lower(byte) - UInt8(ascii: "a"))
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): 26 + UInt64(byte - UInt8(ascii: "0"))
                    case UInt8(ascii: "-"): 36
                    case UInt8(ascii: "_"): 37
                    case UInt8(ascii: "."): 38
                    case 0x20..<0x7F: 39
                    default: 63  // not on the ASCII path: such an id is always read
                    }
                mask |= 1 << bit
            }
            return mask
        }

        /// `text.tier(of:)` for an id's UTF-8 bytes, byte by byte when both are printable ASCII:
        /// the same answer, without a lowercased copy of every visible id.
        func tier(_ id: UnsafeBufferPointer<UInt8>) -> MatchTier? {
            guard let typed = asciiLowercased, id.allSatisfy(TypedFilter.printable) else {
                return text.tier(of: String(decoding: id, as: UTF8.self))
            }
            if typed.isEmpty { return .prefix }
            func occurs(at start: Int) -> Bool {
                for offset in typed.indices where TypedFilter.lower(id[start + offset]) != typed[offset] { return false }
                return true
            }
            if id.count >= typed.count {
                if occurs(at: 0) { return .prefix }
                if id.count > typed.count, (1...(id.count - typed.count)).contains(where: occurs) { return .substring }
            }
            var index = 0
            for byte in id where index < typed.count && TypedFilter.lower(byte) == typed[index] { index += 1 }
            return index == typed.count ? .subsequence : nil
        }
    }

    /// A file's KPI ids as one run of UTF-8 bytes, id after id.
    struct IDList: Sendable {
        private var bytes: [UInt8] = []
        private var ends: [Int] = []
        /// Each id's `TypedFilter.characterMask`.
        private var masks: [UInt64] = []

        init(_ ids: some Sequence<String>) {
            for id in ids {
                bytes.append(contentsOf: id.utf8)
                ends.append(bytes.count)
                masks.append(TypedFilter.characterMask(id.utf8))
            }
        }

        /// Calls `body` with the index and tier of each id `filter` matches, in order, until it
        /// returns false: ids lacking a character typed are passed over by their masks.
        func forEachMatch(of filter: TypedFilter, _ body: (Int, MatchTier) -> Bool) {
            bytes.withUnsafeBufferPointer { all in
                for index in masks.indices where masks[index] & filter.mask == filter.mask || masks[index] & (1 << 63) != 0 {
                    let start = index == 0 ? 0 : ends[index - 1]
                    if let tier = filter.tier(UnsafeBufferPointer(rebasing: all[start..<ends[index]])), !body(index, tier) { return }
                }
            }
        }

        /// The indices and tiers of the ids `filter` matches, in order.
        func matches(of filter: TypedFilter) -> [(index: Int, tier: MatchTier)] {
            var found: [(index: Int, tier: MatchTier)] = []
            forEachMatch(of: filter) {
                found.append(($0, $1))
                return true
            }
            return found
        }
    }
}
